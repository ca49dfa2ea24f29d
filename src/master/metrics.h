/*
 * metrics: one pool's figures in the Prometheus text exposition format.
 */
#ifndef FNPOOL_METRICS_H
#define FNPOOL_METRICS_H

#include "core/buf.h"
#include "master/status_view.h"

void	 metrics_render(const struct pool_view *, struct buf *out);

#endif

/*
 * slowlog: where a slow request's line goes: the pool's slowlog file, or
 * the error log.
 */
#ifndef FNPOOL_SLOWLOG_H
#define FNPOOL_SLOWLOG_H

#include "core/config.h"

void	 slowlog_write(const struct pool_config *, const char *msg);

#endif

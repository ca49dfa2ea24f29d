/*
 * status_view: what the status endpoints and metrics report of a pool,
 * read from the manager, the scoreboard and the shared counters, and its
 * JSON and text documents (PHP-FPM's field names in the text).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/response.h"
#include "core/utf8.h"
#include "master/manager.h"
#include "master/queue.h"
#include "master/schedule.h"
#include "master/status_view.h"
#include "shm/counters.h"
#include "shm/scoreboard.h"

/* ---- what a pool looks like now ---------------------------------------- */

uint64_t
status_view_exits(const struct ct_pool *ct, int crashes_only)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < CT_EXIT_N; i++)
		if (!crashes_only || i == CT_EXIT_SIGNAL ||
		    i == CT_EXIT_ERROR)
			n += counters_get(&ct->exits[i]);
	return n;
}

int
status_view_worker(const struct pool_view *v, int *i, pid_t *pid,
    struct sb_slot *s)
{
	const struct worker *w;

	for (; *i < SB_SLOTS; (*i)++) {
		w = &manager.workers[*i];
		if (w->pool != v->pool || w->pid == 0)
			continue;
		*pid = w->pid;
		scoreboard_read(*i, s);
		(*i)++;
		return 1;
	}
	return 0;
}

void
status_view(struct pool *p, struct pool_view *v)
{
	struct sb_slot s;
	pid_t pid;
	int i;

	memset(v, 0, sizeof(*v));
	v->pool = p;
	v->ct = counters_pool(p->counters);
	v->now = monotonic_ms();
	for (i = 0; status_view_worker(v, &i, &pid, &s); ) {
		v->total++;
		v->idle += s.state == SB_IDLE;
		v->busy += s.state == SB_BUSY;
		v->starting += s.state == SB_STARTING;
		if (s.state == SB_BUSY)
			v->inflight += s.concurrent > 1 ? s.inflight : 1;
	}
	v->listen_queue = queue_sample(p, v->now);
	v->healthy = v->idle + v->busy > 0;	/* serving, backoff or not */
}

/* ---- JSON and text ----------------------------------------------------- */

static const char *
state_name(const struct sb_slot *s)
{
	switch (s->state) {
	case SB_STARTING:
		return "starting";
	case SB_IDLE:
		return "idle";
	case SB_BUSY:	/* finishing: its ctx.waitUntil work, after the response */
		return s->finishing ? "finishing" : "busy";
	default:
		return "free";
	}
}

/* A string member; bytes that are not UTF-8 (a raw URI) become U+FFFD,
 * so the document is always valid JSON. */
static void
json_str(struct buf *out, const char *key, const char *value, int comma)
{
	struct buf text;

	buf_init(&text);
	utf8_text(value, strlen(value), &text);
	buf_printf(out, "%s\"%s\":", comma ? "," : "", key);
	json_escape(out, buf_cstr(&text), text.len);
	buf_free(&text);
}

static void
json_num(struct buf *out, const char *key, long long value)
{
	buf_printf(out, ",\"%s\":%lld", key, value);
}

static void
json_workers(const struct pool_view *v, struct buf *out)
{
	struct sb_slot s;
	pid_t pid;
	int i, first = 1;

	buf_puts(out, ",\"workers\":[");
	for (i = 0; status_view_worker(v, &i, &pid, &s); ) {
		buf_printf(out, "%s{\"pid\":%ld", first ? "" : ",",
		    (long)pid);
		first = 0;
		json_str(out, "state", state_name(&s), 1);
		json_num(out, "requests", (long long)s.requests);
		json_num(out, "age_s", (long long)(v->now - s.started_ms) / 1000);
		json_num(out, "rss", (long long)s.rss);
		if (s.state == SB_BUSY && s.concurrent > 1)
			json_num(out, "in_flight", (long long)s.inflight);
		if (s.state == SB_BUSY) {
			json_str(out, "function", s.function, 1);
			json_str(out, "uri", s.uri, 1);
			json_str(out, "request_id", s.request_id, 1);
			json_num(out, "request_ms",
			    (long long)(v->now - s.request_ms));
			if (s.note[0] != '\0')
				json_str(out, "waiting_on", s.note, 1);
		} else if (s.requests > 0) {
			json_str(out, "last_function", s.function, 1);
			json_str(out, "last_uri", s.uri, 1);
			json_str(out, "last_request_id", s.request_id, 1);
			json_num(out, "last_request_ms", (long long)s.last_ms);
		}
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

/* Outbound requests (fetch): responses by class, failures by cause. */
static void
json_fetch(const struct pool_view *v, struct buf *out)
{
	static const struct ct_fetch zero;
	const struct ct_fetch *f = v->ct != NULL ? &v->ct->fetch : &zero;
	int i;

	buf_printf(out, ",\"fetch\":{\"requests\":%llu,\"duration_ms_total\":"
	    "%llu,\"responses\":{", (unsigned long long)counters_get(
	    &f->duration.count), (unsigned long long)counters_get(
	    &f->duration.sum_us) / 1000);
	for (i = 0; i < 5; i++)
		buf_printf(out, "%s\"%dxx\":%llu", i ? "," : "", i + 1,
		    (unsigned long long)counters_get(&f->status[i]));
	buf_puts(out, "},\"failures\":{");
	for (i = 0; i < CT_FETCH_N; i++)
		buf_printf(out, "%s\"%s\":%llu", i ? "," : "",
		    counters_fetch_causes[i],
		    (unsigned long long)counters_get(&f->failed[i]));
	buf_puts(out, "}}");
}

/* The pool's figures, in order: name, JSON key, PHP-FPM-like text name. */
struct figure {
	const char	*json, *text;
	long long	 value;
};

static int
figures(const struct pool_view *v, struct figure *f)
{
	const struct ct_pool *ct = v->ct;
	static const struct ct_pool zero;
	int n = 0;

	if (ct == NULL)
		ct = &zero;
#define FIG(j, t, val) do { f[n].json = j; f[n].text = t; \
	f[n].value = (long long)(val); n++; } while (0)
	FIG("start_time", "start time", ct->start_time);
	FIG("start_since", "start since", (v->now - ct->start_ms) / 1000);
	FIG("accepted_requests", "accepted conn", counters_get(&ct->requests));
	FIG("listen_queue", "listen queue", v->listen_queue);
	FIG("max_listen_queue", "max listen queue", ct->listen_queue_max);
	FIG("listen_queue_len", "listen queue len", v->pool->conf->listen_backlog);
	FIG("queued_requests", "queued requests", ct->queue_wait.count);
	FIG("queue_wait_ms_total", "queue wait total ms", ct->queue_wait.sum_us / 1000);
	FIG("queue_wait_ms_max", "queue wait max ms", ct->queue_wait_max_ms);
	FIG("rejected_requests", "rejected requests", ct->rejected);
	FIG("idle_workers", "idle processes", v->idle);
	FIG("active_workers", "active processes", v->busy);
	FIG("starting_workers", "starting processes", v->starting);
	if (v->pool->conf->max_concurrent > 1)
		FIG("requests_in_flight", "requests in flight", v->inflight);
	FIG("total_workers", "total processes", v->total);
	FIG("max_active_workers", "max active processes", ct->max_active);
	FIG("max_children_reached", "max children reached", ct->max_children_reached);
	FIG("slow_requests", "slow requests", ct->slow);
	FIG("read_timeouts", "read timeouts", counters_get(&ct->read_timeouts));
	FIG("fastcgi_refused", "fastcgi refused", counters_get(&ct->fastcgi_refused));
	FIG("worker_starts", "worker starts", ct->spawned);
	FIG("worker_restarts", "worker restarts", status_view_exits(ct, 0));
	FIG("worker_crashes", "worker crashes", status_view_exits(ct, 1));
#undef FIG
	return n;
}

#define FIGURES_MAX	32

void
status_view_json(const struct pool_view *v, int full, struct buf *out)
{
	struct figure f[FIGURES_MAX];
	int i, n = figures(v, f);

	buf_putc(out, '{');
	json_str(out, "pool", v->pool->conf->name, 0);
	json_str(out, "process_manager",
	    v->pool->conf->pm == PM_STATIC ? "static" : "dynamic", 1);
	json_num(out, "generation", v->pool->gen->id);
	buf_printf(out, ",\"healthy\":%s", v->healthy ? "true" : "false");
	for (i = 0; i < n; i++)
		json_num(out, f[i].json, f[i].value);
	buf_puts(out, ",\"worker_exits\":{");
	for (i = 0; i < CT_EXIT_N; i++)
		buf_printf(out, "%s\"%s\":%llu", i ? "," : "",
		    counters_exit_names[i], v->ct == NULL ? 0ULL :
		    (unsigned long long)counters_get(&v->ct->exits[i]));
	buf_putc(out, '}');
	json_fetch(v, out);
	schedule_json(v->pool->conf->name, out);
	if (full)
		json_workers(v, out);
	buf_puts(out, "}\n");
}

static void
text_workers(const struct pool_view *v, struct buf *out)
{
	struct sb_slot s;
	pid_t pid;
	int i;

	for (i = 0; status_view_worker(v, &i, &pid, &s); ) {
		buf_printf(out, "\n************************\n"
		    "pid:                  %ld\n"
		    "state:                %s\n"
		    "start since:          %lld\n"
		    "requests:             %llu\n"
		    "rss:                  %llu\n",
		    (long)pid, state_name(&s),
		    (long long)(v->now - s.started_ms) / 1000,
		    (unsigned long long)s.requests, (unsigned long long)s.rss);
		if (s.state == SB_BUSY)
			buf_printf(out, "request duration ms:  %lld\n"
			    "request URI:          %s\n"
			    "function:             %s\n"
			    "request id:           %s\n",
			    (long long)(v->now - s.request_ms), s.uri,
			    s.function[0] ? s.function : "-", s.request_id);
		else if (s.requests > 0)
			buf_printf(out, "last request ms:      %lld\n"
			    "last request URI:     %s\n"
			    "last function:        %s\n"
			    "last request id:      %s\n", (long long)s.last_ms,
			    s.uri, s.function[0] ? s.function : "-",
			    s.request_id);
	}
}

void
status_view_text(const struct pool_view *v, int full, struct buf *out)
{
	struct figure f[FIGURES_MAX];
	int i, n = figures(v, f);
	char label[32];

	buf_printf(out, "%-22s%s\n%-22s%s\n", "pool:", v->pool->conf->name,
	    "process manager:",
	    v->pool->conf->pm == PM_STATIC ? "static" : "dynamic");
	for (i = 0; i < n; i++) {
		snprintf(label, sizeof(label), "%s:", f[i].text);
		if (strcmp(f[i].json, "start_time") == 0) {
			time_t t = (time_t)f[i].value;
			struct tm tm;
			char when[64];

			localtime_r(&t, &tm);
			strftime(when, sizeof(when), "%d/%b/%Y:%H:%M:%S %z", &tm);
			buf_printf(out, "%-22s%s\n", label, when);
			continue;
		}
		buf_printf(out, "%-22s%lld\n", label, f[i].value);
	}
	schedule_text(v->pool->conf->name, out);
	if (full)
		text_workers(v, out);
}

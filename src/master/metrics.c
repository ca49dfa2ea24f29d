/*
 * metrics: one pool's figures in the Prometheus text exposition format
 * (version 0.0.4): each family once, HELP and TYPE first, its samples
 * together; histograms cumulative with le="+Inf" equal to _count.  Label
 * values are escaped (\\, \", \n).  Names are listed in docs/operations.md.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "master/metrics.h"
#include "master/schedule.h"
#include "master/status_view.h"
#include "shm/counters.h"
#include "shm/scoreboard.h"

/* ---- the exposition format --------------------------------------------- */

static void
family(struct buf *out, const char *name, const char *type, const char *help)
{
	buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* Escaped, and UTF-8 as the format requires (invalid bytes: U+FFFD). */
static void
label_value(struct buf *out, const char *value)
{
	struct buf text;
	const char *s;

	buf_init(&text);
	utf8_text(value, strlen(value), &text);
	s = buf_cstr(&text);
	buf_putc(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == '"')
			buf_putc(out, '\\');
		if (*s == '\n') {
			buf_puts(out, "\\n");
			continue;
		}
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
	buf_free(&text);
}

/* name{pool="p"[,key="value"]} */
static void
sample_start(struct buf *out, const char *name, const struct pool_view *v,
    const char *key, const char *value)
{
	buf_printf(out, "%s{pool=", name);
	label_value(out, v->pool->conf->name);
	if (key != NULL) {
		buf_printf(out, ",%s=", key);
		label_value(out, value);
	}
}

static void
sample(struct buf *out, const char *name, const struct pool_view *v,
    const char *key, const char *value, double x)
{
	sample_start(out, name, v, key, value);
	buf_printf(out, "} %.15g\n", x);
}

static void
gauge(struct buf *out, const char *name, const char *type, const char *help,
    const struct pool_view *v, double x)
{
	family(out, name, type, help);
	sample(out, name, v, NULL, NULL, x);
}

static void
histogram(struct buf *out, const char *name, const struct pool_view *v,
    const char *key, const char *value, const struct ct_hist *h)
{
	uint64_t cum = 0;
	char bname[96];
	int i;

	snprintf(bname, sizeof(bname), "%s_bucket", name);
	for (i = 0; i < CT_BUCKETS; i++) {
		cum += counters_get(&h->bucket[i]);
		sample_start(out, bname, v, key, value);
		if (i < CT_BUCKETS - 1)
			buf_printf(out, ",le=\"%g\"} %llu\n",
			    (double)counters_bounds_ms[i] / 1000,
			    (unsigned long long)cum);
		else
			buf_printf(out, ",le=\"+Inf\"} %llu\n",
			    (unsigned long long)cum);
	}
	snprintf(bname, sizeof(bname), "%s_sum", name);
	sample(out, bname, v, key, value,
	    (double)counters_get(&h->sum_us) / 1e6);
	snprintf(bname, sizeof(bname), "%s_count", name);
	sample(out, bname, v, key, value, (double)cum);
}

/* ---- per function ------------------------------------------------------ */

/* Calls fn for each function entry of the pool that has requests. */
static void
each_function(const struct pool_view *v, struct buf *out,
    void (*fn)(const struct pool_view *, const struct ct_function *,
    struct buf *))
{
	const struct ct_function *f;
	int i;

	for (i = 0; i < CT_FUNCTIONS; i++)
		if ((f = counters_function_at(i)) != NULL &&
		    f->pool == v->pool->counters)
			fn(v, f, out);
	if (counters_get(&v->ct->none.duration.count) > 0)
		fn(v, &v->ct->none, out);
	if (counters_get(&v->ct->other.duration.count) > 0)
		fn(v, &v->ct->other, out);
}

static void
fn_requests(const struct pool_view *v, const struct ct_function *f,
    struct buf *out)
{
	char code[4] = "0xx";
	int i;

	for (i = 0; i < 5; i++) {
		if (counters_get(&f->status[i]) == 0)
			continue;
		code[0] = (char)('1' + i);
		sample_start(out, "fnpool_requests_total", v, "function",
		    f->name);
		buf_printf(out, ",code=\"%s\"} %llu\n", code,
		    (unsigned long long)counters_get(&f->status[i]));
	}
}

static void
fn_duration(const struct pool_view *v, const struct ct_function *f,
    struct buf *out)
{
	histogram(out, "fnpool_request_duration_seconds", v, "function",
	    f->name, &f->duration);
}

static void
fn_memory(const struct pool_view *v, const struct ct_function *f,
    struct buf *out)
{
	if (f->memory_max > 0)
		sample(out, "fnpool_function_memory_bytes", v, "function",
		    f->name, (double)f->memory);
}

static void
fn_memory_max(const struct pool_view *v, const struct ct_function *f,
    struct buf *out)
{
	if (f->memory_max > 0)
		sample(out, "fnpool_function_memory_max_bytes", v, "function",
		    f->name, (double)f->memory_max);
}

static void
metrics_functions(const struct pool_view *v, struct buf *out)
{
	family(out, "fnpool_requests_total", "counter", "Requests answered "
	    "by the pool's workers, by function and status class.");
	each_function(v, out, fn_requests);
	family(out, "fnpool_request_duration_seconds", "histogram", "Time "
	    "from reading a request's parameters to sending its response.");
	each_function(v, out, fn_duration);
	family(out, "fnpool_function_memory_bytes", "gauge", "Bytes held by "
	    "the function's JavaScript state after its last request.");
	each_function(v, out, fn_memory);
	family(out, "fnpool_function_memory_max_bytes", "gauge", "The most "
	    "bytes seen held by the function's JavaScript state.");
	each_function(v, out, fn_memory_max);
}

/* ---- per worker -------------------------------------------------------- */

/* fnpool:db: each database of the pool its workers used (db.NAME). */
enum dbfig { DB_QUERIES, DB_ERRORS, DB_DURATION };

static void
metrics_db_family(const struct pool_view *v, struct buf *out, enum dbfig which)
{
	const struct ct_db *d;
	int i;

	for (i = 0; i < CT_DBS; i++) {
		if ((d = counters_db_at(i)) == NULL || d->pool != v->pool->counters)
			continue;
		if (which == DB_DURATION)
			histogram(out, "fnpool_db_query_duration_seconds", v, "db",
			    d->name, &d->duration);
		else
			sample(out, which == DB_QUERIES ? "fnpool_db_queries_total" :
			    "fnpool_db_errors_total", v, "db", d->name,
			    (double)counters_get(which == DB_QUERIES ? &d->queries :
			    &d->errors));
	}
}

static void
metrics_databases(const struct pool_view *v, struct buf *out)
{
	family(out, "fnpool_db_queries_total", "counter", "Statements run "
	    "through fnpool:db, by database (db.NAME).");
	metrics_db_family(v, out, DB_QUERIES);
	family(out, "fnpool_db_errors_total", "counter", "Statements and "
	    "connections that failed, by database.");
	metrics_db_family(v, out, DB_ERRORS);
	family(out, "fnpool_db_query_duration_seconds", "histogram", "Time "
	    "a statement took, from the worker's side.");
	metrics_db_family(v, out, DB_DURATION);
}

/* Per-worker series: one family at a time, each over all workers. */
enum wfig { W_STATE, W_REQUESTS, W_RSS, W_AGE };

static void
metrics_workers_family(const struct pool_view *v, struct buf *out,
    enum wfig which)
{
	static const char *states[] = { "free", "starting", "idle", "busy" };
	static const char *names[] = { "fnpool_worker_state",
	    "fnpool_worker_requests_total", "fnpool_worker_rss_bytes",
	    "fnpool_worker_age_seconds" };
	struct sb_slot s;
	char label[16];
	double x;
	pid_t pid;
	int i;

	for (i = 0; status_view_worker(v, &i, &pid, &s); ) {
		snprintf(label, sizeof(label), "%ld", (long)pid);
		sample_start(out, names[which], v, "pid", label);
		if (which == W_STATE) {
			buf_printf(out, ",state=\"%s\"} 1\n",
			    states[s.state <= SB_BUSY ? s.state : 0]);
			continue;
		}
		x = which == W_REQUESTS ? (double)s.requests : which == W_RSS ?
		    (double)s.rss : (double)(v->now - s.started_ms) / 1000;
		buf_printf(out, "} %.15g\n", x);
	}
}

static void
metrics_workers(const struct pool_view *v, struct buf *out)
{
	const struct ct_pool *ct = v->ct;
	int i;

	family(out, "fnpool_workers", "gauge", "Workers of the pool by state.");
	sample(out, "fnpool_workers", v, "state", "idle", v->idle);
	sample(out, "fnpool_workers", v, "state", "busy", v->busy);
	sample(out, "fnpool_workers", v, "state", "starting", v->starting);
	if (v->pool->conf->max_concurrent > 1)
		gauge(out, "fnpool_requests_in_flight", "gauge", "Requests "
		    "the pool's workers serve now (max_concurrent).", v,
		    (double)v->inflight);
	gauge(out, "fnpool_workers_max_active", "gauge", "The most workers "
	    "seen busy at once.", v, (double)ct->max_active);
	gauge(out, "fnpool_max_children_reached_total", "counter", "Times "
	    "every worker of the pool was busy at its largest size.", v,
	    (double)counters_get(&ct->max_children_reached));
	gauge(out, "fnpool_worker_starts_total", "counter", "Workers "
	    "started.", v, (double)counters_get(&ct->spawned));
	family(out, "fnpool_worker_exits_total", "counter", "Workers that "
	    "ended on their own or were killed, by cause (recycle: "
	    "max_requests, memory: max_rss, timeout, signal, error).");
	for (i = 0; i < CT_EXIT_N; i++)
		sample(out, "fnpool_worker_exits_total", v, "cause",
		    counters_exit_names[i],
		    (double)counters_get(&ct->exits[i]));
	gauge(out, "fnpool_worker_crashes_total", "counter", "Worker exits "
	    "by signal or error (crash_limit counts these).", v,
	    (double)status_view_exits(ct, 1));
	family(out, "fnpool_worker_state", "gauge", "Each worker's state.");
	metrics_workers_family(v, out, W_STATE);
	family(out, "fnpool_worker_requests_total", "counter", "Requests "
	    "served by each worker.");
	metrics_workers_family(v, out, W_REQUESTS);
	family(out, "fnpool_worker_rss_bytes", "gauge", "Each worker's "
	    "resident memory after its last request.");
	metrics_workers_family(v, out, W_RSS);
	family(out, "fnpool_worker_age_seconds", "gauge", "Time since each "
	    "worker started.");
	metrics_workers_family(v, out, W_AGE);
}

/* ---- outbound requests (fetch) ----------------------------------------- */

static void
metrics_fetch(const struct pool_view *v, struct buf *out)
{
	const struct ct_fetch *f = &v->ct->fetch;
	char code[4] = "0xx";
	int i;

	family(out, "fnpool_fetch_responses_total", "counter", "Responses to "
	    "the functions' fetch calls, by status class.");
	for (i = 0; i < 5; i++) {
		code[0] = (char)('1' + i);
		sample(out, "fnpool_fetch_responses_total", v, "code", code,
		    (double)counters_get(&f->status[i]));
	}
	family(out, "fnpool_fetch_failures_total", "counter", "fetch calls "
	    "that got no response, by cause.");
	for (i = 0; i < CT_FETCH_N; i++)
		sample(out, "fnpool_fetch_failures_total", v, "cause",
		    counters_fetch_causes[i], (double)counters_get(&f->failed[i]));
	family(out, "fnpool_fetch_duration_seconds", "histogram", "Time from "
	    "a fetch call to its response or failure, redirects included.");
	histogram(out, "fnpool_fetch_duration_seconds", v, NULL, NULL,
	    &f->duration);
}

/* ---- the pool ---------------------------------------------------------- */

void
metrics_render(const struct pool_view *v, struct buf *out)
{
	const struct ct_pool *ct = v->ct;

	gauge(out, "fnpool_up", "gauge", "1 when the pool can serve (a "
	    "worker is up, idle or busy).", v, v->healthy);
	if (ct == NULL)
		return;
	gauge(out, "fnpool_start_time_seconds", "gauge", "When the pool "
	    "first started, in seconds since the epoch.", v,
	    (double)ct->start_time);
	metrics_functions(v, out);
	metrics_databases(v, out);
	schedule_metrics(v->pool->conf->name, out);
	family(out, "fnpool_queue_wait_seconds", "histogram", "Time "
	    "requests seen in the listen queue waited there (sampled on the "
	    "master's tick).");
	histogram(out, "fnpool_queue_wait_seconds", v, NULL, NULL,
	    &ct->queue_wait);
	gauge(out, "fnpool_listen_queue", "gauge", "Connections waiting "
	    "in the listen queue now.", v, v->listen_queue);
	gauge(out, "fnpool_listen_queue_max", "gauge", "The most "
	    "connections seen waiting in the listen queue.", v,
	    (double)ct->listen_queue_max);
	gauge(out, "fnpool_listen_backlog", "gauge", "The listen queue's "
	    "size (listen.backlog).", v,
	    (double)v->pool->conf->listen_backlog);
	gauge(out, "fnpool_rejected_requests_total", "counter", "Requests "
	    "answered 503 after queue_timeout.", v,
	    (double)counters_get(&ct->rejected));
	gauge(out, "fnpool_slow_requests_total", "counter", "Requests that "
	    "ran past slowlog_timeout.", v, (double)counters_get(&ct->slow));
	metrics_fetch(v, out);
	gauge(out, "fnpool_read_timeouts_total", "counter", "Connections "
	    "closed without a whole request (request_read_timeout, or the cap "
	    "on incomplete connections).", v,
	    (double)counters_get(&ct->read_timeouts));
	gauge(out, "fnpool_fastcgi_refused_total", "counter", "Connections "
	    "refused for their FastCGI records (max_params_size, bad records).",
	    v, (double)counters_get(&ct->fastcgi_refused));
	metrics_workers(v, out);
}

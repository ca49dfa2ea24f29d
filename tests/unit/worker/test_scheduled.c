/*
 * Unit tests for scheduled runs on the worker's side (serve.c's check,
 * ctx.schedule): only a request with the master's key is a schedule;
 * any schedule parameter without it is refused with 403; the key is
 * never visible to the function.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"
#include "core/schedule_key.h"
#include "worker/account.h"
#include "worker/serve.h"
#include "tap.h"

static char root[] = "/tmp/fnpool-scheduled-XXXXXX";
static char file[600];
static struct serve sv;
static struct buf out;

/* Serves GET /job with the given extra parameters (NULL: none). */
static const char *
run(const char *key, const char *name, const char *at)
{
	char k[200], n[200], a[200];
	char *env[8] = { "SCRIPT_NAME=/job", "REQUEST_METHOD=GET",
	    "HTTP_X_FNPOOL_SCHEDULE_KEY=header", NULL };
	struct request req;
	struct account acct;
	int i = 3;

	if (key != NULL) {
		snprintf(k, sizeof(k), "%s=%s", SCHEDULE_KEY_PARAM, key);
		env[i++] = k;
	}
	if (name != NULL) {
		snprintf(n, sizeof(n), "%s=%s", SCHEDULE_NAME_PARAM, name);
		env[i++] = n;
	}
	if (at != NULL) {
		snprintf(a, sizeof(a), "%s=%s", SCHEDULE_AT_PARAM, at);
		env[i++] = a;
	}
	env[i] = NULL;
	buf_reset(&out);
	serve_begin(&req, env);
	serve_request(&sv, &req, &acct, &out);
	return buf_cstr(&out);
}

static int
status_of(const char *resp)
{
	return atoi(resp + strlen("Status: "));
}

static const char *
body_of(const char *resp)
{
	const char *p = strstr(resp, "\r\n\r\n");

	return p ? p + 4 : "";
}

/* body: what the response body starts with (NULL: not checked) */
static void
expect(const char *resp, int status, const char *body, const char *what)
{
	is_int(status_of(resp), status, what);
	if (body != NULL && strncmp(body_of(resp), body, strlen(body)) != 0) {
		ok(0, "%s: body", what);
		printf("#   got '%s'\n#   want '%s...'\n", body_of(resp), body);
	} else if (body != NULL) {
		ok(1, "%s: body", what);
	}
}

int
main(void)
{
	const char *at = "2026-12-06T22:15:00Z", *r;
	struct pool_config pool;
	char wrong[SCHEDULE_KEY_LEN + 1];
	FILE *fp;

	if (mkdtemp(root) == NULL)
		return 99;
	log_open("/dev/null", LOG_LEVEL_ERROR);
	snprintf(file, sizeof(file), "%s/job.js", root);
	fp = fopen(file, "w");
	/* the last item: every field of ctx, to look for the key in */
	fputs("module.exports = function (c) { return [c.schedule === "
	    "undefined ? 'none' : c.schedule, Object.keys(c.headers).join(), "
	    "JSON.stringify(c)]; };", fp);
	fclose(fp);
	memset(&pool, 0, sizeof(pool));
	config_pool_defaults(&pool);
	pool.name = "test";
	pool.functions = root;
	pool.prefix = "";
	pool.max_states = 4;
	pool.module_cache = 1;
	if (serve_init(&sv, &pool) != 0)
		return 99;

	expect(run(NULL, NULL, NULL), 200, "[\"none\",\"x-fnpool-schedule-key\",",
	    "an ordinary request: no ctx.schedule");
	is_str(schedule_key(), "", "no key before the master draws one");
	expect(run("", "tick", at), 403, NULL,
	    "without a key in the process, an empty key is refused");
	expect(run("anything", "tick", at), 403, NULL,
	    "without a key in the process, any key is refused");

	schedule_key_init();
	is_int((long long)strlen(schedule_key()), SCHEDULE_KEY_LEN, "64 hex digits");
	r = run(schedule_key(), "tick", at);
	expect(r, 200, "[{\"name\":\"tick\",\"scheduled\":"
	    "\"2026-12-06T22:15:00Z\"},\"x-fnpool-schedule-key\",",
	    "the master's key: ctx.schedule; no header from the parameters");
	ok(strstr(r, "\\\"schedule\\\":{") != NULL,
	    "ctx lists schedule among its fields");
	ok(strstr(r, schedule_key()) == NULL, "the key is in no field of ctx");

	memcpy(wrong, schedule_key(), sizeof(wrong));
	wrong[SCHEDULE_KEY_LEN - 1] = wrong[SCHEDULE_KEY_LEN - 1] == '0' ? '1' : '0';
	expect(run(wrong, "tick", at), 403, NULL, "one digit off: 403");
	wrong[SCHEDULE_KEY_LEN - 1] = '\0';
	expect(run(wrong, "tick", at), 403, NULL, "one digit short: 403");
	expect(run(NULL, "tick", at), 403, NULL, "name and time without a key: 403");
	expect(run(NULL, "tick", NULL), 403, NULL, "a name alone: 403");
	expect(run(NULL, NULL, at), 403, NULL, "a time alone: 403");
	expect(run(schedule_key(), NULL, at), 403, NULL,
	    "the key without a name: 403");
	expect(run(schedule_key(), "tick", NULL), 403, NULL,
	    "the key without a time: 403");
	expect(run(NULL, NULL, NULL), 200, "[\"none\",\"x-fnpool-schedule-key\",",
	    "an ordinary request after a schedule: no ctx.schedule");

	serve_free(&sv);
	buf_free(&out);
	unlink(file);
	rmdir(root);
	return tap_done();
}

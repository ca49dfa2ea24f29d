/*
 * libFuzzer target: request paths (REQUEST_URI decoding, prefix removal,
 * the router's segment rules), client addresses and trusted_proxies.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/proxies.h"
#include "http/request.h"
#include "http/router.h"

static void
one_path(char **env, const char *prefix)
{
	struct request req;
	char rel[ROUTER_NAME_MAX + 1];

	memset(&req, 0, sizeof(req));
	req.env = env;
	if (request_set_path(&req, prefix) == 0) {
		if (req.path[0] != '/')
			abort();
		if (router_normalize(req.path, rel, sizeof(rel)) == 0 &&
		    (rel[0] == '/' || strstr(rel, "..") == rel ||
		    strstr(rel, "/../") != NULL || strstr(rel, "/.") != NULL))
			abort();	/* ".." and hidden segments never pass */
		request_free(&req);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *uri = malloc(size + 16), *xff = malloc(size + 32), ip[256];
	char *env[] = { uri, "REMOTE_ADDR=10.0.0.1", xff, NULL };

	memcpy(uri, "REQUEST_URI=", 12);
	memcpy(uri + 12, data, size);
	uri[12 + size] = '\0';
	one_path(env, "");
	one_path(env, "/fn");
	memcpy(xff, "HTTP_X_FORWARDED_FOR=", 21);
	memcpy(xff + 21, data, size);
	xff[21 + size] = '\0';
	request_client_ip(env, "10.0.0.0/8 ::1 unix:", ip, sizeof(ip));
	(void)proxies_parse(uri + 12, "192.0.2.1");
	free(uri);
	free(xff);
	return 0;
}

/*
 * fcgi_post: a minimal FastCGI client for tests that nginx cannot make,
 * such as a body longer than its CONTENT_LENGTH.
 *   fcgi_post SOCKET BODYLEN [NAME=VALUE...]
 * Sends the parameters and BODYLEN bytes of 'x', then prints what the
 * application wrote to FCGI_STDOUT.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fd;

static void
put_all(const void *p, size_t n)
{
	const char *c = p;
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, c, n)) <= 0) {
			perror("write");
			exit(1);
		}
		c += w;
		n -= (size_t)w;
	}
}

static void
record(int type, const void *data, size_t n)
{
	unsigned char h[8] = { 1, (unsigned char)type, 0, 1,
	    (unsigned char)(n >> 8), (unsigned char)n, 0, 0 };

	put_all(h, 8);
	put_all(data, n);
}

static size_t
put_len(unsigned char *p, size_t n)
{
	if (n < 128) {
		p[0] = (unsigned char)n;
		return 1;
	}
	p[0] = (unsigned char)(0x80 | n >> 24);
	p[1] = (unsigned char)(n >> 16);
	p[2] = (unsigned char)(n >> 8);
	p[3] = (unsigned char)n;
	return 4;
}

static int
get_all(void *p, size_t n)
{
	char *c = p;
	ssize_t r;

	while (n > 0) {
		if ((r = read(fd, c, n)) <= 0)
			return -1;
		c += r;
		n -= (size_t)r;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned char begin[8] = { 0, 1, 0, 0, 0, 0, 0, 0 }, buf[65536], h[8];
	struct sockaddr_un sun;
	size_t n, len, i, chunk;
	long body;
	int a;

	if (argc < 3) {
		fprintf(stderr, "usage: fcgi_post SOCKET BODYLEN [NAME=VALUE...]\n");
		return 2;
	}
	body = atol(argv[2]);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", argv[1]);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		perror(argv[1]);
		return 1;
	}
	record(1, begin, 8);				/* BEGIN_REQUEST */
	for (a = 3; a < argc; a++) {
		const char *eq = strchr(argv[a], '=');

		if (eq == NULL)
			continue;
		n = put_len(buf, (size_t)(eq - argv[a]));
		n += put_len(buf + n, strlen(eq + 1));
		memcpy(buf + n, argv[a], (size_t)(eq - argv[a]));
		n += (size_t)(eq - argv[a]);
		memcpy(buf + n, eq + 1, strlen(eq + 1));
		n += strlen(eq + 1);
		record(4, buf, n);			/* PARAMS */
	}
	record(4, "", 0);
	memset(buf, 'x', sizeof(buf));
	for (i = 0; i < (size_t)body; i += chunk) {
		chunk = (size_t)body - i < 32768 ? (size_t)body - i : 32768;
		record(5, buf, chunk);			/* STDIN */
	}
	record(5, "", 0);
	while (get_all(h, 8) == 0) {
		len = (size_t)h[4] << 8 | h[5];
		if (get_all(buf, len + h[6]) == -1)
			break;
		if (h[1] == 6)				/* STDOUT */
			fwrite(buf, 1, len, stdout);
		if (h[1] == 3)				/* END_REQUEST */
			break;
	}
	close(fd);
	return 0;
}

/*
 * cgi: answers one request as a plain CGI program (fd 0 not a socket),
 * and the same for `fnpool invoke` from variables and a body it made.
 */
#ifndef FNPOOL_CGI_H
#define FNPOOL_CGI_H

#include "worker/serve.h"

/* environ, stdin, stdout.  Returns the exit code. */
int	 cgi_run(struct serve *);
/*
 * Answers the request of CGI variables env, reading its body from in_fd
 * and writing the CGI response ("Status:" line, headers, body) to out_fd.
 * Returns 0, or non-zero when the response could not be written (or the
 * pool's rlimits could not be set, before anything is written).
 */
int	 cgi_serve(struct serve *, char **env, int in_fd, int out_fd);

#endif

/*
 * cgi: answers one request as a plain CGI program (fd 0 not a socket).
 */
#ifndef FNPOOL_CGI_H
#define FNPOOL_CGI_H

#include "serve.h"

int	 cgi_run(struct serve *);

#endif

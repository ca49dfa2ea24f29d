/*
 * funcname: Function.prototype.name, which MuJS 1.3.6 lacks.  Libraries
 * test a value's type by its constructor's name (validator's
 * `input.constructor.name !== 'String'`), log names, or copy them.
 */
#ifndef FNPOOL_FUNCNAME_H
#define FNPOOL_FUNCNAME_H

#include <mujs.h>

/* A `name` getter on Function.prototype, unless MuJS has one. */
void	 funcname_install(js_State *J);

#endif

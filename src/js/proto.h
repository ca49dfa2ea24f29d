/*
 * proto: changing an object's [[Prototype]], which MuJS 1.3.6 has no
 * function for: Object.setPrototypeOf, the Object.prototype.__proto__
 * accessor and the helper behind Reflect.setPrototypeOf.  They write
 * the `prototype` field of MuJS's struct js_Object through a mirror of
 * its layout that a probe checks, once per process, before any write.
 */
#ifndef FNPOOL_PROTO_H
#define FNPOOL_PROTO_H

#include <stddef.h>

#include <mujs.h>

/*
 * Object.setPrototypeOf and Object.prototype.__proto__, where missing;
 * the global object inherits from Object.prototype, as in Node.
 */
void	 proto_install(js_State *J);

/*
 * On the prelude's `native` object at idx: setPrototypeOf(o, proto),
 * Reflect's [[SetPrototypeOf]]: true, or false where it is refused.
 * The caller has checked that o is an object and proto one or null.
 */
void	 proto_natives(js_State *J, int idx);

/*
 * Proves that MuJS's objects are laid out as mirrored (the first call
 * runs the probe, later ones repeat its answer).  Returns 0, or -1 with
 * the reason in err; then changing a prototype throws a TypeError.
 */
int	 proto_probe(char *err, size_t errlen);

#endif

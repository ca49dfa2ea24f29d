/*
 * generator: the generators that fnpool build's output makes, in C.
 * SWC lowers a generator function, and an async function, to ES5 as a
 * state machine: a body function that takes a state object and returns
 * an instruction ([4, value] yields value, [2, value] returns it, ...),
 * which a driver (TypeScript's __generator, @swc/helpers' _ts_generator)
 * runs.  This is that driver: fnpool:helpers' generator(thisArg, body)
 * makes a generator object with next, throw and return.  On MuJS a call
 * of a JavaScript function costs about 4,000 instructions, and the
 * JavaScript driver is several of them a step (bench/RESULTS.md, "What
 * compiled code costs per request").
 *
 * The generator object is also the body's state object: it holds label
 * and trys (not enumerable), and its prototype sent().
 */
#ifndef FNPOOL_GENERATOR_H
#define FNPOOL_GENERATOR_H

#include <mujs.h>

/* How a generator is resumed: next(value), throw(value), return(value). */
enum generator_resume {
	GENERATOR_NEXT,
	GENERATOR_THROW,
	GENERATOR_RETURN
};

enum generator_outcome {
	GENERATOR_YIELDED,	/* the value yielded is on top */
	GENERATOR_DELEGATED,	/* yield*: the iterator's own result is */
	GENERATOR_DONE		/* the value returned is */
};

struct js_Object;

/*
 * Defines generator(thisArg, body) on the object at idx; returns the
 * prototype of its generators, which it keeps alive.
 */
struct js_Object *generator_install(js_State *J, int idx);
/*
 * Pushes a new generator of that prototype: the body at body, called
 * with this the value at self; throws a TypeError when body is not a
 * function.
 */
void	 generator_push(js_State *J, struct js_Object *proto, int self,
	    int body);
/* Is the value at idx a generator made by generator()? */
int	 generator_is(js_State *J, int idx);
/*
 * Resumes the generator at idx with how and the value on top, which it
 * replaces with the outcome's; throws what the generator throws.
 */
enum generator_outcome generator_step(js_State *J, int idx,
	    enum generator_resume how);
/*
 * The generator at idx keeps the value on top, which it pops, for its
 * driver: generator_kept pushes it back (undefined until kept).
 */
void	 generator_keep(js_State *J, int idx);
void	 generator_kept(js_State *J, int idx);

#endif

/*
 * helpers: see helpers.h.
 */
#include <string.h>

#include "js/asyncfn.h"
#include "js/builtin/helpers.h"
#include "js/generator.h"
#include "js/spread.h"

#define REG_EXPORTS	"helpers.exports"

int
helpers_provided(const char *name)
{
	return strcmp(name, "fnpool:helpers") == 0;
}

static void
helpers_spread(js_State *J)
{
	spread_push(J, 1);
}

void
helpers_require(js_State *J)
{
	js_getregistry(J, REG_EXPORTS);
	if (js_isobject(J, -1))
		return;
	js_pop(J, 1);
	js_newobject(J);
	js_newcfunction(J, helpers_spread, "spread", 1);
	js_setproperty(J, -2, "spread");
	asyncfn_install(J, -1, generator_install(J, -1));
	js_copy(J, -1);
	js_setregistry(J, REG_EXPORTS);
}

/* Unit tests for watch.c: changes anywhere under the root are noticed. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "tap.h"
#include "worker/watch.h"

static char root[] = "/tmp/fnpool-watch-XXXXXX";

static void
put(const char *name, const char *text)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	if ((fp = fopen(path, "w")) == NULL)
		exit(99);
	fputs(text, fp);
	fclose(fp);
}

static void
sub(char *path, size_t size, const char *name)
{
	snprintf(path, size, "%s/%s", root, name);
}

int
main(void)
{
	char a[256], b[256];
	struct watch *w;

	if (mkdtemp(root) == NULL)
		return 99;
	log_open("/dev/null", LOG_LEVEL_ERROR);
	sub(a, sizeof(a), "lib");
	mkdir(a, 0755);
	put("lib/x.js", "1");
	w = watch_open(root);

	is_int(watch_changed(w), 0, "nothing changed yet");
	put("lib/x.js", "2");
	is_int(watch_changed(w), 1, "a file rewritten in a subdirectory");
	is_int(watch_changed(w), 0, "the change is reported once");
	put("lib/.x.js.tmp", "3");
	sub(a, sizeof(a), "lib/.x.js.tmp");
	sub(b, sizeof(b), "lib/x.js");
	watch_changed(w);
	rename(a, b);
	is_int(watch_changed(w), 1, "a file renamed over another");
	sub(a, sizeof(a), "new");
	mkdir(a, 0755);
	is_int(watch_changed(w), 1, "a new directory");
	put("new/y.js", "1");
	is_int(watch_changed(w), 1, "a file in the new directory is watched too");
	unlink(b);
	is_int(watch_changed(w), 1, "a deleted file");
	is_int(watch_changed(w), 0, "quiet again");
	watch_close(w);

	snprintf(a, sizeof(a), "rm -rf '%s'", root);
	if (system(a) != 0)
		return 99;
	return tap_done();
}

/*
 * dump_enums.c: prints every value set of api/src/enums.c as one JSON
 * object, {"measure_status": ["proposed", ...], ...}, for
 * tests/lint/enums.mjs (`make lint-enums`).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "enums.h"

int main(void)
{
	json_t *all = json_object();
	char *text;

	for (size_t i = 0; i < enum_nsets; i++) {
		json_t *values = json_array();

		for (const char *const *v = enum_sets[i].values; *v; v++)
			json_array_append_new(values, json_string(*v));
		if (json_object_get(all, enum_sets[i].name)) {
			fprintf(stderr, "dump_enums: set %s is named twice\n",
				enum_sets[i].name);
			return 1;
		}
		json_object_set_new(all, enum_sets[i].name, values);
	}
	text = json_dumps(all, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	if (!text)
		return 1;
	puts(text);
	free(text);
	json_decref(all);
	return 0;
}

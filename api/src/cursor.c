/* cursor.c: opaque keyset cursors as base64url JSON arrays. */
#include "cursor.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "b64.h"
#include "json_depth.h"
#include "util.h"

char *cursor_encode(const char *const *keys, size_t n)
{
	struct sbuf b = { 0 };
	char *out;

	sbuf_adds(&b, "[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_adds(&b, ",");
		sbuf_add_json_str(&b, keys[i]);
	}
	sbuf_adds(&b, "]");
	out = b64url_encode((const unsigned char *)b.p, b.len);
	sbuf_free(&b);
	return out;
}

int cursor_decode(const char *s, char **keys, size_t n)
{
	unsigned char *raw = NULL;
	json_t *arr = NULL;
	size_t len, i;
	int err = API_EINVAL;

	memset(keys, 0, n * sizeof(*keys));
	if (!s || strlen(s) > CURSOR_MAX_LEN || !(raw = b64url_decode(s, &len)))
		goto out;
	/* a cursor nests one level: anything deeper is forged */
	if (!json_depth_ok((const char *)raw, len, 1))
		goto out;
	arr = json_loadb((const char *)raw, len, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_array(arr) || json_array_size(arr) != n)
		goto out;
	for (i = 0; i < n; i++) {
		json_t *k = json_array_get(arr, i);

		if (!json_is_string(k) ||
		    strlen(json_string_value(k)) != json_string_length(k))
			goto out;
		keys[i] = xstrdup(json_string_value(k));
	}
	err = 0;
out:
	if (err)
		cursor_keys_free(keys, n);
	json_decref(arr);
	free(raw);
	return err;
}

void cursor_keys_free(char **keys, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(keys[i]);
		keys[i] = NULL;
	}
}

/* secret.c: random secrets and their hashes. */
#include "secret.h"

#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/types.h>

#include "b64.h"

void secret_hash(const char *s, char hex[SECRET_HEX_LEN + 1])
{
	unsigned char h[SHA256_DIGEST_LENGTH];

	SHA256((const unsigned char *)s, strlen(s), h);
	hex[0] = '\\';
	hex[1] = 'x';
	for (int i = 0; i < SHA256_DIGEST_LENGTH; i++)
		snprintf(hex + 2 + 2 * i, 3, "%02x", h[i]);
}

int secret_new(char out[SECRET_LEN + 1], char hex[SECRET_HEX_LEN + 1])
{
	unsigned char raw[32];
	char *s;

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		return -1;
	s = b64url_encode(raw, sizeof(raw));
	memcpy(out, s, SECRET_LEN + 1);
	free(s);
	secret_hash(out, hex);
	return 0;
}

int secret_valid(const char *s)
{
	size_t n = 0;

	if (!s)
		return 0;
	for (; s[n]; n++)
		if (!((s[n] >= 'A' && s[n] <= 'Z') ||
		      (s[n] >= 'a' && s[n] <= 'z') ||
		      (s[n] >= '0' && s[n] <= '9') || s[n] == '-' ||
		      s[n] == '_'))
			return 0;
	return n == SECRET_LEN;
}

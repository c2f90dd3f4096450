/*
 * fuzz_token.c: bearer tokens (token.c) with a fixed pair of keys and a
 * fixed clock. Input: the first byte picks the mode. Even: the rest is a
 * token as a client sends it (token_too_deep, token_verify). Odd: the rest
 * is a header and a payload JSON text separated by a newline, which this
 * target encodes and signs with the first key, so that what lies behind
 * the signature check is reached too: libjwt's decoding, the claim checks
 * and caller_parse_claims. A token found too deep must never verify.
 */
#include <assert.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "b64.h"
#include "caller.h"
#include "token.h"
#include "util.h"

#define NOW 1767225600L /* 2026-01-01 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct token_keys keys = {
	.keys = { { .kid = "k1",
		    .secret = "fuzz-key-0123456789abcdef0123456",
		    .len = 32 },
		  { .kid = "old0",
		    .secret = "fuzz-key-old-456789abcdef0123456",
		    .len = 32 } },
	.n = 2,
};

/* header.payload signed with the first key: a new string. */
static char *sign(const char *header, size_t hlen, const char *payload,
		  size_t plen)
{
	char *h = b64url_encode((const unsigned char *)header, hlen);
	char *p = b64url_encode((const unsigned char *)payload, plen);
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	struct sbuf t = { 0 };
	char *sig;

	sbuf_addf(&t, "%s.%s", h, p);
	HMAC(EVP_sha256(), keys.keys[0].secret, (int)keys.keys[0].len,
	     (const unsigned char *)t.p, t.len, mac, &maclen);
	sig = b64url_encode(mac, maclen);
	sbuf_addf(&t, ".%s", sig);
	free(sig);
	free(h);
	free(p);
	return sbuf_take(&t);
}

static void verify(const char *token)
{
	struct caller c;
	char *claims = NULL, why[128];
	int deep = token_too_deep(token);
	int rc = token_verify(&keys, token, NOW, &claims, why, sizeof(why));

	assert(rc == 0 || rc == -1);
	assert(!deep || rc == -1);
	if (rc == 0) {
		assert(claims);
		(void)caller_parse_claims(claims, &c);
	} else {
		assert(!claims && why[0]);
	}
	free(claims);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *rest = (const char *)data + 1;
	char *token;

	if (size == 0)
		return 0;
	if (data[0] % 2 == 0) {
		token = xstrndup(rest, size - 1);
	} else {
		const char *nl = memchr(rest, '\n', size - 1);
		size_t hlen = nl ? (size_t)(nl - rest) : size - 1;

		token = sign(rest, hlen, nl ? nl + 1 : "",
			     nl ? size - 1 - hlen - 1 : 0);
	}
	verify(token);
	free(token);
	return 0;
}

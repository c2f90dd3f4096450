/*
 * token.c: issuing and verifying access tokens. The header is read and the
 * signature checked here, byte for byte, before libjwt sees the token;
 * libjwt then decodes it with the pinned key and must agree on HS256.
 */
#include "token.h"

#include <jansson.h>
#include <jwt.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "b64.h"
#include "json_depth.h"
#include "util.h"

#define LEEWAY_SECONDS 30

static int b64std_decode(const char *s, unsigned char *out, size_t cap,
			 size_t *n)
{
	unsigned char buf[128];
	size_t len = strlen(s);
	int got;

	if (len == 0 || len > 88)
		return -1;
	got = EVP_DecodeBlock(buf, (const unsigned char *)s, (int)len);
	if (got < 0)
		return -1;
	/* EVP_DecodeBlock counts padding as zero bytes */
	while (len && s[len - 1] == '=') {
		got--;
		len--;
	}
	if ((size_t)got > cap)
		return -1;
	memcpy(out, buf, (size_t)got);
	*n = (size_t)got;
	return 0;
}

int token_keys_load(struct token_keys *k, const char *path, char *err,
		    size_t errlen)
{
	FILE *f = fopen(path, "r");
	char line[512];

	memset(k, 0, sizeof(*k));
	if (!f) {
		snprintf(err, errlen, "cannot read the token key file %s",
			 path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char kid[64], secret[256];
		struct token_key *key = &k->keys[k->n];

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%63s %255s", kid, secret) != 2 ||
		    strlen(kid) >= sizeof(key->kid)) {
			snprintf(err, errlen, "%s: lines are \"KID SECRET\"",
				 path);
			goto fail;
		}
		if (k->n == TOKEN_MAX_KEYS) {
			snprintf(err, errlen, "%s: at most %d keys", path,
				 TOKEN_MAX_KEYS);
			goto fail;
		}
		if (b64std_decode(secret, key->secret, sizeof(key->secret),
				  &key->len) < 0 ||
		    key->len < 32) {
			snprintf(err, errlen,
				 "%s: key %s must be base64 of at least 32 "
				 "bytes",
				 path, kid);
			goto fail;
		}
		memcpy(key->kid, kid,
		       strlen(kid) + 1); /* length checked above */
		k->n++;
	}
	fclose(f);
	if (k->n == 0) {
		snprintf(err, errlen, "%s holds no key", path);
		return -1;
	}
	return 0;
fail:
	fclose(f);
	memset(k, 0, sizeof(*k));
	return -1;
}

char *token_issue(const struct token_keys *k, const char *claims, long now)
{
	const struct token_key *key = &k->keys[0];
	unsigned char raw[16];
	char *jti = NULL, *out = NULL;
	jwt_t *jwt = NULL;

	if (k->n == 0 || getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		return NULL;
	jti = b64url_encode(raw, sizeof(raw));
	if (jwt_new(&jwt) || jwt_add_grants_json(jwt, claims) ||
	    jwt_add_grant(jwt, "iss", TOKEN_ISSUER) ||
	    jwt_add_grant(jwt, "aud", TOKEN_AUDIENCE) ||
	    jwt_add_grant(jwt, "jti", jti) ||
	    jwt_add_grant_int(jwt, "iat", now) ||
	    jwt_add_grant_int(jwt, "nbf", now) ||
	    jwt_add_grant_int(jwt, "exp", now + TOKEN_TTL_SECONDS) ||
	    jwt_add_header(jwt, "kid", key->kid) ||
	    jwt_set_alg(jwt, JWT_ALG_HS256, key->secret, (int)key->len))
		goto out;
	out = jwt_encode_str(jwt);
out:
	jwt_free(jwt);
	free(jti);
	return out;
}

/*
 * 1 when the base64url segment decodes to a text nested at most
 * JSON_MAX_DEPTH deep, 0 when it nests deeper, -1 when it is not base64url.
 */
static int segment_nesting(const char *seg, size_t len)
{
	char *s = xstrndup(seg, len);
	size_t n;
	unsigned char *raw = b64url_decode(s, &n);
	int rc = raw ? json_depth_ok((const char *)raw, n, JSON_MAX_DEPTH) : -1;

	free(raw);
	free(s);
	return rc;
}

int token_too_deep(const char *token)
{
	const char *dot1, *end;

	if (!token || strlen(token) > TOKEN_MAX_LEN ||
	    !(dot1 = strchr(token, '.')))
		return 0;
	if (!(end = strchr(dot1 + 1, '.')))
		end = dot1 + 1 + strlen(dot1 + 1);
	return segment_nesting(token, (size_t)(dot1 - token)) == 0 ||
	       segment_nesting(dot1 + 1, (size_t)(end - dot1 - 1)) == 0;
}

static const struct token_key *find_key(const struct token_keys *k,
					const char *kid)
{
	for (int i = 0; i < k->n; i++)
		if (!strcmp(k->keys[i].kid, kid))
			return &k->keys[i];
	return NULL;
}

/* Reads the header segment: alg must be HS256, kid one of ours. */
static const struct token_key *check_header(const struct token_keys *k,
					    const char *seg, size_t len,
					    char *why, size_t whylen)
{
	char *s = xstrndup(seg, len);
	size_t n;
	unsigned char *raw = b64url_decode(s, &n);
	json_t *h = raw ? json_loadb((const char *)raw, n,
				     JSON_REJECT_DUPLICATES, NULL)
			: NULL;
	const struct token_key *key = NULL;
	const char *alg = json_string_value(json_object_get(h, "alg"));
	const char *kid = json_string_value(json_object_get(h, "kid"));
	json_t *typ = json_object_get(h, "typ");

	if (!json_is_object(h))
		snprintf(why, whylen, "malformed header");
	else if (!alg || strcmp(alg, "HS256"))
		snprintf(why, whylen, "algorithm %s is not accepted",
			 alg ? alg : "(none)");
	else if (typ && (!json_is_string(typ) ||
			 strcmp(json_string_value(typ), "JWT")))
		snprintf(why, whylen, "wrong typ");
	else if (json_object_get(h, "crit"))
		snprintf(why, whylen, "unsupported crit header");
	else if (!kid || !(key = find_key(k, kid)))
		snprintf(why, whylen, "unknown kid");
	json_decref(h);
	free(raw);
	free(s);
	return key;
}

static int check_signature(const struct token_key *key, const char *token,
			   size_t signed_len, const char *sig)
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	char *expect;
	int ok;

	if (!HMAC(EVP_sha256(), key->secret, (int)key->len,
		  (const unsigned char *)token, signed_len, mac, &maclen))
		return -1;
	expect = b64url_encode(mac, maclen);
	ok = strlen(sig) == strlen(expect) &&
	     CRYPTO_memcmp(sig, expect, strlen(expect)) == 0;
	free(expect);
	return ok ? 0 : -1;
}

static int aud_ok(jwt_t *jwt)
{
	const char *aud = jwt_get_grant(jwt, "aud");
	char *list;
	json_t *arr;
	size_t i;
	json_t *v;
	int ok = 0;

	if (aud)
		return !strcmp(aud, TOKEN_AUDIENCE);
	if (!(list = jwt_get_grants_json(jwt, "aud")))
		return 0;
	arr = json_loads(list, JSON_DECODE_ANY, NULL);
	json_array_foreach(arr, i, v)
	{
		if (json_is_string(v) &&
		    !strcmp(json_string_value(v), TOKEN_AUDIENCE))
			ok = 1;
	}
	json_decref(arr);
	free(list);
	return ok;
}

int token_verify(const struct token_keys *k, const char *token, long now,
		 char **claims, char *why, size_t whylen)
{
	const struct token_key *key;
	const char *dot1, *dot2;
	jwt_t *jwt = NULL;
	int rc = -1;

	*claims = NULL;
	why[0] = '\0';
	if (!token || strlen(token) > TOKEN_MAX_LEN) {
		snprintf(why, whylen, "missing or oversized token");
		return -1;
	}
	for (const char *p = token; *p; p++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.')) {
			snprintf(why, whylen, "malformed token");
			return -1;
		}
	}
	dot1 = strchr(token, '.');
	dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
	if (!dot1 || !dot2 || strchr(dot2 + 1, '.') || dot1 == token ||
	    dot2 == dot1 + 1 || !dot2[1]) {
		snprintf(why, whylen, "a token has three non-empty parts");
		return -1;
	}
	/* check_header and libjwt parse both segments recursively */
	if (segment_nesting(token, (size_t)(dot1 - token)) != 1 ||
	    segment_nesting(dot1 + 1, (size_t)(dot2 - dot1 - 1)) != 1) {
		snprintf(why, whylen,
			 "header or payload is not base64url JSON nested at "
			 "most %d deep",
			 JSON_MAX_DEPTH);
		return -1;
	}
	if (!(key = check_header(k, token, (size_t)(dot1 - token), why,
				 whylen)))
		return -1;
	if (check_signature(key, token, (size_t)(dot2 - token), dot2 + 1) < 0) {
		snprintf(why, whylen, "bad signature");
		return -1;
	}
	if (jwt_decode(&jwt, token, key->secret, (int)key->len) ||
	    jwt_get_alg(jwt) != JWT_ALG_HS256) {
		snprintf(why, whylen, "libjwt refused the token");
		goto out;
	}
	const char *iss = jwt_get_grant(jwt, "iss");
	const char *sub = jwt_get_grant(jwt, "sub");
	long exp = jwt_get_grant_int(jwt, "exp");
	long nbf = jwt_get_grant_int(jwt, "nbf");
	long iat = jwt_get_grant_int(jwt, "iat");

	if (!iss || strcmp(iss, TOKEN_ISSUER))
		snprintf(why, whylen, "wrong issuer");
	else if (!aud_ok(jwt))
		snprintf(why, whylen, "wrong audience");
	else if (!sub || !*sub)
		snprintf(why, whylen, "no subject");
	else if (!jwt_get_grant(jwt, "jti"))
		snprintf(why, whylen, "no jti");
	else if (exp <= 0 || now >= exp + LEEWAY_SECONDS)
		snprintf(why, whylen, "expired");
	else if (nbf <= 0 || now + LEEWAY_SECONDS < nbf)
		snprintf(why, whylen, "not yet valid");
	/* no token lives longer than we issue them, whoever signed it */
	else if (iat <= 0 || now + LEEWAY_SECONDS < iat)
		snprintf(why, whylen, "no or a future iat");
	else if (exp - iat > TOKEN_TTL_SECONDS)
		snprintf(why, whylen, "lifetime over %d s", TOKEN_TTL_SECONDS);
	else if (!(*claims = jwt_get_grants_json(jwt, NULL)))
		snprintf(why, whylen, "no claims");
	else
		rc = 0;
out:
	jwt_free(jwt);
	return rc;
}

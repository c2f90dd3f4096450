/* password.c: Argon2id through libargon2, bounded in concurrency. */
#include "password.h"

#include <argon2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "util.h"

#define T_COST	    2
#define M_COST	    (19 * 1024)
#define PARALLELISM 1
#define SALT_LEN    16
#define HASH_LEN    32

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int running;

static void enter(void)
{
	pthread_mutex_lock(&mu);
	while (running >= PASSWORD_MAX_CONCURRENT)
		pthread_cond_wait(&cv, &mu);
	running++;
	pthread_mutex_unlock(&mu);
}

static void leave(void)
{
	pthread_mutex_lock(&mu);
	running--;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
}

char *password_hash(const char *password)
{
	unsigned char salt[SALT_LEN];
	size_t len = argon2_encodedlen(T_COST, M_COST, PARALLELISM, SALT_LEN,
				       HASH_LEN, Argon2_id);
	char *out = xmalloc(len);
	int rc;

	if (getrandom(salt, sizeof(salt), 0) != (ssize_t)sizeof(salt)) {
		free(out);
		return NULL;
	}
	enter();
	rc = argon2id_hash_encoded(T_COST, M_COST, PARALLELISM, password,
				   strlen(password), salt, sizeof(salt),
				   HASH_LEN, out, len);
	leave();
	if (rc != ARGON2_OK) {
		free(out);
		return NULL;
	}
	return out;
}

/* A hash of a random password nobody knows, made once, for unknown
 * accounts: verifying against it costs what a real verification costs. */
static char *dummy;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	unsigned char raw[24];
	char pw[49];

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		memset(raw, 0x5a, sizeof(raw));
	for (size_t i = 0; i < sizeof(raw); i++)
		snprintf(pw + 2 * i, 3, "%02x", raw[i]);
	dummy = password_hash(pw);
}

int password_verify(const char *hash, const char *password)
{
	int rc;

	if (strlen(password) > PASSWORD_MAX_LEN)
		return -1;
	if (!hash) {
		pthread_once(&dummy_once, make_dummy);
		if (!dummy)
			return -1;
	}
	enter();
	rc = argon2id_verify(hash ? hash : dummy, password, strlen(password));
	leave();
	return hash && rc == ARGON2_OK ? 0 : -1;
}

int password_policy_check(const char *password)
{
	size_t chars = 0, bytes = strlen(password);

	for (const char *p = password; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	return chars >= PASSWORD_MIN_CHARS && bytes <= PASSWORD_MAX_LEN ? 0
									: -1;
}

/*
 * api.h: the error codes every internal function returns (0 or a negative
 * API_E* value) and the one table that turns them into HTTP statuses.
 */
#ifndef TEILHABE_API_H
#define TEILHABE_API_H

enum api_err {
	API_OK = 0,
	API_EINVAL = -1,	 /* bad input: 400 */
	API_ENOTFOUND = -2,	 /* no such resource: 404 */
	API_ECONFLICT = -3,	 /* unique violation: 409 */
	API_EUNPROCESSABLE = -4, /* constraint or reference violation: 422 */
	API_EUNAVAILABLE = -5,	 /* database unreachable: 503 */
	API_EBUSY = -6,		 /* no database connection free in time: 503 */
	API_ERETRY = -7,	 /* serialization failure or deadlock: retry */
	API_EINTERNAL = -8,	 /* anything else: 500 */
	API_ETOOLARGE = -9,	 /* request body over the limit: 413 */
	API_EMEDIATYPE = -10,	 /* request body of the wrong type: 415 */
	API_EPRECONDITION = -11, /* If-Match did not match: 412 */
	API_EUNAUTHORIZED = -12, /* the caller's account is not active: 401 */
	API_EFORBIDDEN = -13,	 /* a policy refused the change: 403 */
	API_ETHROTTLED = -14,	 /* too many attempts: 429 */
	API_EROLES = -15, /* the token's roles are not the stored ones: 401 */
};

/* The HTTP status for an API_E* code (500 for unknown codes). */
int api_err_status(int err);

#endif

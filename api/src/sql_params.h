/*
 * sql_params.h: how many parameters a statement's SQL takes, so that no
 * count is typed by hand next to the SQL it must agree with.
 */
#ifndef TEILHABE_SQL_PARAMS_H
#define TEILHABE_SQL_PARAMS_H

/*
 * The highest $N in sql (0 when there is none), as PostgreSQL numbers a
 * statement's parameters. What only looks like one is skipped: text in
 * string literals ('…', E'…'), quoted identifiers, comments (--, nested
 * block comments) and dollar-quoted bodies ($$…$$, $tag$…$tag$), and a $
 * inside an identifier (a$1). Returns -1 for a $N that does not fit an
 * int.
 */
int sql_params(const char *sql);

#endif

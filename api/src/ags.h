/*
 * ags.h: the Amtlicher Gemeindeschlüssel, the key by which paths, tokens
 * and filters name a municipality.
 */
#ifndef TEILHABE_AGS_H
#define TEILHABE_AGS_H

/* Whether s is an Amtlicher Gemeindeschlüssel: exactly eight digits. */
int ags_valid(const char *s);

#endif

/*
 * Parsing speed of the two HTML parsers Debian packages, Gumbo and libxml2, on the import
 * benchmark's pages (see docs/import.md for the figures and the choice):
 *
 *   apt-get install -y libgumbo-dev libxml2-dev
 *   gcc -O2 bench/html-parsers.c -o /tmp/html-parsers $(pkg-config --cflags --libs gumbo libxml-2.0)
 *   /tmp/html-parsers bench/import/pages/*.html bench/import/held-out/*.html
 */
#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb"); fseek(f, 0, SEEK_END); *n = ftell(f); rewind(f);
    char *b = malloc(*n + 1); fread(b, 1, *n, f); b[*n] = 0; fclose(f); return b;
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

int main(int argc, char **argv) {
    int rounds = 200;
    double g = 0, x = 0; size_t bytes = 0;
    for (int i = 1; i < argc; i++) {
        size_t n; char *b = slurp(argv[i], &n); bytes += n;
        double t = now();
        for (int r = 0; r < rounds; r++) { GumboOutput *o = gumbo_parse_with_options(&kGumboDefaultOptions, b, n); gumbo_destroy_output(&kGumboDefaultOptions, o); }
        g += now() - t; t = now();
        for (int r = 0; r < rounds; r++) { htmlDocPtr d = htmlReadMemory(b, n, NULL, "UTF-8", HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | HTML_PARSE_NONET); xmlFreeDoc(d); }
        x += now() - t; free(b);
    }
    printf("%zu bytes x %d rounds: gumbo %.1f MB/s, libxml2 %.1f MB/s\n", bytes, rounds, bytes * rounds / g / 1e6, bytes * rounds / x / 1e6);
    return 0;
}

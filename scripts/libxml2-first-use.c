// Two threads make their first libxml2 use at once, as dip's threads may: one an
// xmlTextWriter (which never calls xmlInitParser), the other a push parser (which does).
// A developer's check of the library, not part of `make test` (docs/office-writers.md, "Threads"):
//   cc $(pkg-config --cflags libxml-2.0) scripts/libxml2-first-use.c -o /tmp/first-use \
//      $(pkg-config --libs libxml-2.0) -lpthread && valgrind --tool=helgrind /tmp/first-use
// reports races on the encoding table (xmlInitCharEncodingHandlers or xmlFindCharEncodingHandler)
// and libxml2's globals (xmlIsMainThread, xmlGetGlobalState) in libxml2 2.9.14; with -DFIXED
// (both threads pass a once-only xmlInitParser first, as dip's XMLWriter and parsers pass the
// Swift global `libxmlInitialised`) it reports none. The once is a mutex and a flag here, not
// pthread_once: helgrind does not see the ordering pthread_once gives and would report the same
// accesses again.
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <pthread.h>
#include <stdio.h>
static pthread_barrier_t go;
static pthread_mutex_t once = PTHREAD_MUTEX_INITIALIZER;
static int initialised = 0;
static void init_once(void) {
    pthread_mutex_lock(&once);
    if (!initialised) { xmlInitParser(); initialised = 1; }
    pthread_mutex_unlock(&once);
}
static void *writer(void *arg) {
    pthread_barrier_wait(&go);
#ifdef FIXED
    init_once();   /* dip's fix: XMLWriter passes the parsers' one-time set-up */
#endif
    xmlBufferPtr b = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(b, 0);
    int rc = xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes");
    xmlFreeTextWriter(w); xmlBufferFree(b);
    return (void *)(long)rc;
}
static void *parser(void *arg) {
    pthread_barrier_wait(&go);
#ifdef FIXED
    init_once();
#else
    xmlInitParser();
#endif
    return NULL;
}
int main(void) {
    pthread_t a, b; pthread_barrier_init(&go, NULL, 2);
    pthread_create(&a, NULL, writer, NULL); pthread_create(&b, NULL, parser, NULL);
    void *rc; pthread_join(a, &rc); pthread_join(b, NULL);
    printf("start document rc=%ld\n", (long)rc);
    return 0;
}

// The one C header Liaison includes from Graphviz. It absorbs differences
// between Graphviz versions and C signatures that Swift cannot call directly:
// - agopen/agnode/agedge/agsafeset take `char *`: wrappers take `const char *`;
// - the graph descriptors (Agundirected, …) are C globals that Swift 6 rejects
//   as not concurrency-safe: the wrappers pick them here;
// - gvRenderData's length is `unsigned int *` before Graphviz 3 and `size_t *`
//   after: liaison_render_data always reports a size_t;
// - Graphviz reports problems through agerr (to stderr by default): the
//   liaison_messages_* functions collect them into a buffer instead, so the
//   renderer can turn them into Swift errors. The buffer is process-wide;
//   callers hold the renderer's lock (Graphviz is not thread-safe anyway).
#ifndef LIAISON_CGRAPHVIZ_SHIM_H
#define LIAISON_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static inline Agraph_t *liaison_agopen_undirected(const char *name) {
  return agopen((char *)name, Agundirected, NULL);
}

static inline Agraph_t *liaison_agmemread(const char *dot) { return agmemread(dot); }

static inline Agnode_t *liaison_agnode(Agraph_t *g, const char *name) {
  return agnode(g, (char *)name, 1);
}

static inline Agedge_t *liaison_agedge(Agraph_t *g, Agnode_t *a, Agnode_t *b) {
  return agedge(g, a, b, NULL, 1);
}

static inline int liaison_agsafeset(void *obj, const char *name, const char *value, const char *def) {
  return agsafeset(obj, (char *)name, (char *)value, (char *)def);
}

/// Renders the laid-out graph `g` in `format`; *out receives a buffer to free
/// with gvFreeRenderData and *length its size. Returns 0 on success.
static inline int liaison_render_data(GVC_t *gvc, Agraph_t *g, const char *format, char **out, size_t *length) {
#if defined(GRAPHVIZ_VERSION_MAJOR) && GRAPHVIZ_VERSION_MAJOR >= 3
  size_t len = 0;
  int rc = gvRenderData(gvc, g, format, out, &len);
  *length = len;
#else
  unsigned int len = 0;
  int rc = gvRenderData(gvc, g, format, out, &len);
  *length = (size_t)len;
#endif
  return rc;
}

/// Number of plugins of `kind` ("layout", "render", "device") known to the
/// context; 0 means the plugin registry (config6a) is missing.
static inline int liaison_plugin_count(GVC_t *gvc, const char *kind) {
  int count = 0;
  char **list = gvPluginList(gvc, kind, &count, NULL);
  if (list) {
    for (int i = 0; i < count; i++) free(list[i]);
    free(list);
  }
  return count;
}

/// Whether the context can write `format` (e.g. "png" needs the cairo plugin).
static inline int liaison_has_device(GVC_t *gvc, const char *format) {
  int count = 0;
  int found = 0;
  char **list = gvPluginList(gvc, "device", &count, NULL);
  if (list) {
    for (int i = 0; i < count; i++) {
      if (strcmp(list[i], format) == 0) found = 1;
      free(list[i]);
    }
    free(list);
  }
  return found;
}

// Graphviz messages (errors and warnings), collected instead of printed.
// The storage is a function-local static: Swift emits the functions of a
// header it calls, but not a header's global variables.
typedef struct {
  char text[8192];
  size_t length;
} liaison_message_store;

static inline liaison_message_store *liaison_message_storage(void) {
  static liaison_message_store store;
  return &store;
}

static inline int liaison_message_sink(char *message) {
  liaison_message_store *s = liaison_message_storage();
  if (message == NULL) return 0;
  size_t n = strlen(message);
  size_t room = sizeof(s->text) - 1 - s->length;
  if (n > room) n = room;
  memcpy(s->text + s->length, message, n);
  s->length += n;
  s->text[s->length] = 0;
  return 0;
}

/// Starts collecting Graphviz's messages (clears earlier ones).
static inline void liaison_messages_begin(void) {
  liaison_message_store *s = liaison_message_storage();
  s->length = 0;
  s->text[0] = 0;
  agseterrf(liaison_message_sink);
  agseterr(AGWARN);
}

/// The messages collected since liaison_messages_begin (NUL-terminated).
static inline const char *liaison_messages(void) { return liaison_message_storage()->text; }

#endif

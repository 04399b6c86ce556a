// The one C header Liaison includes from Graphviz. It absorbs differences
// between Graphviz versions and C signatures that Swift cannot call directly:
// - agopen/agnode/agedge/agsafeset take `char *`: wrappers take `const char *`;
// - the graph descriptors (Agundirected, …) are C globals that Swift 6 rejects
//   as not concurrency-safe: the wrappers pick them here;
// - gvRenderData's length is `unsigned int *` before Graphviz 3 and `size_t *`
//   after: liaison_render_data always reports a size_t.
#ifndef LIAISON_CGRAPHVIZ_SHIM_H
#define LIAISON_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stddef.h>
#include <stdlib.h>

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

#endif

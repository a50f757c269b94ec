#ifndef STEPWISE_CLIBXML2_SHIM_H
#define STEPWISE_CLIBXML2_SHIM_H

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

// `xmlFree` is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void stepwise_xmlFree(void *pointer) { xmlFree(pointer); }

// `xmlParserVersion` is a macro that does not import into Swift.
static inline const char *stepwise_xmlParserVersion(void) { return xmlParserVersion; }

#endif

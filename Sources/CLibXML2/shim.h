#ifndef STEPWISE_CLIBXML2_SHIM_H
#define STEPWISE_CLIBXML2_SHIM_H

// libxml2 built with ICU pulls <unicode/ucnv.h> into its headers, which clashes with the ICU copy
// Foundation ships (`UErrorCode` defined twice) in any module importing both. ICU only adds two
// trailing pointers to `xmlCharEncodingHandler`, a struct Stepwise never allocates or reads.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

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

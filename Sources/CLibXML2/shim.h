#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* The system libxml2 is built with ICU; its encoding.h would pull the system ICU headers,
   whose UErrorCode clashes with Foundation's _FoundationICU in the same Swift module.
   Nothing here uses the ICU fields of xmlCharEncodingHandler, so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>
#endif

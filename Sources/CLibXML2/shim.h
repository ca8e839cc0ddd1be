#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its encoding.h then includes the system ICU headers,
   which clash with Foundation's bundled ICU module. We never touch the ICU-only fields at the
   end of xmlCharEncodingHandler, so hide them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>
#endif

/**
 * Schema facts about the API types that fabric8's CRD generator cannot express; the CRD build step
 * reads them to complete the generated OpenAPI schemas.
 */
@NullMarked
package dev.pinnipedjava.api.schema;

import org.jspecify.annotations.NullMarked;

/**
 * The served API resources, described once (group, version, names, verbs, schema) for routing,
 * discovery and OpenAPI alike.
 */
@NullMarked
package dev.pinnipedjava.aggregatedapi.apiresource;

import org.jspecify.annotations.NullMarked;

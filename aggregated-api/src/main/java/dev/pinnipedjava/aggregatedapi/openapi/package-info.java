/**
 * OpenAPI v2 and v3 documents of the served APIs, which the kube-apiserver aggregates and kubectl
 * explain reads.
 */
@NullMarked
package dev.pinnipedjava.aggregatedapi.openapi;

import org.jspecify.annotations.NullMarked;

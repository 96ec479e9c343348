/**
 * Kubernetes API discovery documents (APIGroupList, APIGroup, APIResourceList) for the served API
 * groups.
 */
@NullMarked
package dev.pinnipedjava.aggregatedapi.discovery;

import org.jspecify.annotations.NullMarked;

package dev.pinnipedjava.aggregatedapi.openapi;

import static dev.pinnipedjava.aggregatedapi.apiresource.Schema.arrayOf;
import static dev.pinnipedjava.aggregatedapi.apiresource.Schema.dateTime;
import static dev.pinnipedjava.aggregatedapi.apiresource.Schema.int64;
import static dev.pinnipedjava.aggregatedapi.apiresource.Schema.mapOf;
import static dev.pinnipedjava.aggregatedapi.apiresource.Schema.string;

import dev.pinnipedjava.aggregatedapi.apiresource.Schema;

/**
 * Kubernetes' ObjectMeta and ListMeta, which every served object and list refers to. Each OpenAPI
 * v3 document must define them itself: kubectl resolves references within one document only.
 */
final class StandardSchemas {
  private StandardSchemas() {}

  static final Schema.ObjectSchema OBJECT_META =
      Schema.object(
              "ObjectMeta is metadata that all persisted resources must have, which includes all"
                  + " objects users must create.")
          .property(
              "name",
              string(
                  "Name must be unique within a namespace. Requests of virtual resources do not"
                      + " need one."))
          .property(
              "generateName",
              string("An optional prefix the server uses to generate a unique name."))
          .property(
              "namespace",
              string(
                  "The namespace of the object; empty for cluster-scoped objects such as these."))
          .property("selfLink", string("Deprecated and never set."))
          .property("uid", string("The unique id of the object in time and space."))
          .property(
              "resourceVersion",
              string("An opaque value for optimistic concurrency and change detection."))
          .property(
              "generation",
              int64("A sequence number representing a specific generation of the desired state."))
          .property("creationTimestamp", dateTime("When the server created the object."))
          .property(
              "deletionTimestamp",
              dateTime("When the object will be deleted, if it is being deleted."))
          .property(
              "deletionGracePeriodSeconds",
              int64("Seconds allowed for graceful termination before the object is removed."))
          .property(
              "labels", mapOf("Key/value pairs for organizing and selecting objects.", string("")))
          .property(
              "annotations",
              mapOf("Unstructured key/value data for tools and extensions.", string("")))
          .property(
              "ownerReferences",
              arrayOf(
                  "Objects this object depends on.",
                  Schema.object("A reference to an owning object.")
                      .requiredProperty("apiVersion", string("API version of the referent."))
                      .requiredProperty("kind", string("Kind of the referent."))
                      .requiredProperty("name", string("Name of the referent."))
                      .requiredProperty("uid", string("UID of the referent."))
                      .build()))
          .property(
              "finalizers", arrayOf("Conditions to meet before the object is deleted.", string("")))
          .property(
              "managedFields",
              arrayOf(
                  "Which field managers own which fields.",
                  Schema.object("One field manager's fields.")
                      .property("manager", string("The name of the manager."))
                      .property("operation", string("Apply or Update."))
                      .property("apiVersion", string("The API version of the fields."))
                      .property("time", dateTime("When the fields were last changed."))
                      .build()))
          .build();

  static final Schema.ObjectSchema LIST_META =
      Schema.object("ListMeta describes metadata that synthetic resources must have.")
          .property("resourceVersion", string("The version of the list."))
          .property("continue", string("A token for the next page of a chunked list."))
          .property("selfLink", string("Deprecated and never set."))
          .build();
}

package dev.pinnipedjava.aggregatedapi.apiresource;

import java.util.List;

/**
 * A resource of the aggregated API whose objects are never stored: clients create one and read the
 * answer from the response, and listing it always gives an empty list.
 *
 * @param groupVersion where the resource lives
 * @param plural the resource name in URLs, for example {@code tokencredentialrequests}
 * @param singular the singular name kubectl accepts
 * @param kind the kind of its objects
 * @param categories the categories {@code kubectl get <category>} expands to
 * @param schema the schema of one object, with its {@code metadata} left to the standard ObjectMeta
 * @param namespaced whether objects live in a namespace (created under {@code
 *     /apis/<group>/<version>/namespaces/<namespace>/<plural>}) rather than in the cluster
 */
public record ApiResource(
    GroupVersion groupVersion,
    String plural,
    String singular,
    String kind,
    List<String> categories,
    Schema.ObjectSchema schema,
    boolean namespaced) {

  /** What clients may do: create one, and list (always empty), as Pinniped's resources. */
  public static final List<String> VERBS = List.of("create", "list");

  public ApiResource {
    categories = List.copyOf(categories);
  }

  /** A cluster-scoped resource. */
  public ApiResource(
      GroupVersion groupVersion,
      String plural,
      String singular,
      String kind,
      List<String> categories,
      Schema.ObjectSchema schema) {
    this(groupVersion, plural, singular, kind, categories, schema, false);
  }

  /** The kind of a list of these objects. */
  public String listKind() {
    return kind + "List";
  }

  /** The collection's URL path; for a namespaced resource, with a {@code {namespace}} template. */
  public String path() {
    return namespaced
        ? groupVersion.path() + "/namespaces/{namespace}/" + plural
        : groupVersion.path() + "/" + plural;
  }

  /** The resource qualified by its group, as Kubernetes names it in messages. */
  public String qualifiedName() {
    return plural + "." + groupVersion.group();
  }
}

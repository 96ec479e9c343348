package dev.pinnipedjava.supervisor.secretstore;

/**
 * A stored document: it names the version of its schema in a {@code version} property, which the
 * store checks on every read. Bump the version on any change of fields and keep a comment with its
 * history; documents of another version read as absent.
 */
public interface VersionedShape {
  String version();
}

package dev.pinnipedjava.supervisor.upstream;

/** A password as the user typed it. Never printed. */
public record Password(String value) {
  public boolean isBlank() {
    return value.isBlank();
  }

  @Override
  public String toString() {
    return "Password[redacted]";
  }
}

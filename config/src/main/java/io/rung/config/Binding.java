package io.rung.config;

import java.nio.file.Path;

/** What every bind step needs: where problems go, and the folder relative paths resolve against. */
record Binding(Problems problems, Path baseDir) {}

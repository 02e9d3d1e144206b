package dev.vigil.internal.operations;

import java.util.List;

/**
 * A Prometheus rule group: its rules run in order, so a recording rule feeds the alerts after it in the same
 * evaluation.
 *
 * @param name the group's name, unique in the file
 * @param rules the rules, filled while the group is generated
 */
record RuleGroup(String name, List<Rule> rules) {
}

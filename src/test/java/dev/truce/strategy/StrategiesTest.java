package dev.truce.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class StrategiesTest {

    private static List<String> names(List<ResolutionStrategy> chain) {
        return chain.stream().map(ResolutionStrategy::name).toList();
    }

    @Test
    void theDefaultChainLeavesTheOptInStrategiesOut() {
        assertThat(names(Strategies.defaults())).containsExactly("regenerate", "one-side-changed", "whitespace",
                "version-bump", "import-union", "separate-line-edits");
    }

    @Test
    void optInStrategiesJoinInTheirPlaceAndDefaultOnesCanBeLeftOut() {
        List<ResolutionStrategy> chain = Strategies.select(ReceivingSide.OURS, List.of("list-insertion",
                "whitespace-carry", "precedent"), List.of("one-side-changed"));
        assertThat(names(chain)).containsExactly("regenerate", "whitespace", "whitespace-carry", "version-bump",
                "import-union", "list-insertion", "separate-line-edits", "precedent");
    }

    @Test
    void anUnknownNameIsAnErrorThatListsTheStrategies() {
        assertThatThrownBy(() -> Strategies.select(ReceivingSide.OURS, List.of("list-insert"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown strategy list-insert")
                .hasMessageContaining("opt-in: whitespace-carry, list-insertion, precedent");
    }
}

package dev.portico.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void defaultsToTheFirstPageOfFifty() {
        assertThat(Paging.parse(null, null)).isEqualTo(new Paging(0, 50));
    }

    @Test
    void capsTheSizeAtTwoHundred() {
        assertThat(Paging.parse("3", "201")).isEqualTo(new Paging(3, 200));
        assertThat(Paging.parse("0", "200")).isEqualTo(new Paging(0, 200));
    }

    @Test
    void refusesWhatIsNotAPage() {
        for (String[] bad : new String[][] {{"-1", "10"}, {"0", "0"}, {"a", "10"}, {"0", "9999999999"}, {"", "1"}}) {
            assertThatThrownBy(() -> Paging.parse(bad[0], bad[1]))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
        }
    }
}

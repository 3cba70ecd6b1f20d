package render

import (
	"slices"
	"testing"
)

func TestPagerItems(t *testing.T) {
	for _, tc := range []struct {
		page, pages int
		want        []int
	}{
		{1, 1, []int{1}},
		{1, 3, []int{1, 2, 3}},
		{2, 7, []int{1, 2, 3, 4, 0, 7}},
		{4, 7, []int{1, 2, 3, 4, 5, 6, 7}},
		{1, 100, []int{1, 2, 3, 0, 100}},
		{50, 100, []int{1, 0, 48, 49, 50, 51, 52, 0, 100}},
		{100, 100, []int{1, 0, 98, 99, 100}},
		{5, 8, []int{1, 2, 3, 4, 5, 6, 7, 8}},
		{6, 10, []int{1, 0, 4, 5, 6, 7, 8, 9, 10}},
		{6, 12, []int{1, 0, 4, 5, 6, 7, 8, 0, 12}},
	} {
		l := &List{Page: tc.page, Pages: tc.pages}
		if got := l.PagerItems(); !slices.Equal(got, tc.want) {
			t.Errorf("page %d of %d: PagerItems() = %v; want %v", tc.page, tc.pages, got, tc.want)
		}
	}
}

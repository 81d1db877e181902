package timex

import "time"

// holiday returns the date of a named holiday in year y.
func holiday(name string, y int) (time.Time, bool) {
	date := func(m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	// nth weekday of a month (n = -1 for the last)
	nth := func(m time.Month, wd time.Weekday, n int) time.Time {
		if n < 0 {
			t := date(m+1, 1).AddDate(0, 0, -1)
			for t.Weekday() != wd {
				t = t.AddDate(0, 0, -1)
			}
			return t
		}
		t := date(m, 1)
		for t.Weekday() != wd {
			t = t.AddDate(0, 0, 1)
		}
		return t.AddDate(0, 0, 7*(n-1))
	}
	switch name {
	case "christmas":
		return date(time.December, 25), true
	case "new":
		return date(time.January, 1), true
	case "independence":
		return date(time.July, 4), true
	case "halloween":
		return date(time.October, 31), true
	case "valentine's":
		return date(time.February, 14), true
	case "thanksgiving":
		return nth(time.November, time.Thursday, 4), true
	case "labor":
		return nth(time.September, time.Monday, 1), true
	case "memorial":
		return nth(time.May, time.Monday, -1), true
	case "election":
		// The Tuesday after the first Monday of November.
		return nth(time.November, time.Monday, 1).AddDate(0, 0, 1), true
	case "easter":
		// Anonymous Gregorian algorithm.
		a, b, c := y%19, y/100, y%100
		d, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		h := (19*a + b - d - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - h - k) % 7
		m := (a + 11*h + 22*l) / 451
		month := (h + l - 7*m + 114) / 31
		day := (h+l-7*m+114)%31 + 1
		return date(time.Month(month), day), true
	}
	return time.Time{}, false
}

package model

import "math"

// Split divides sample indices into training and validation sets, class by
// class, so each class keeps its share in both. From a class of n samples it
// holds out round(fraction·n) for validation, but never all of them: a class
// with a single sample stays entirely in training. Within a class the
// choice is a seeded shuffle. Both returned slices are in ascending order.
// Split panics if fraction is outside [0, 1).
func Split(labels []int, fraction float64, seed uint64) (train, validation []int) {
	if !(fraction >= 0 && fraction < 1) {
		panic("model: validation fraction outside [0, 1)")
	}
	byClass := map[int][]int{}
	var classes []int
	for i, c := range labels {
		if _, ok := byClass[c]; !ok {
			classes = append(classes, c)
		}
		byClass[c] = append(byClass[c], i)
	}

	rng := newRand(seed)
	held := make([]bool, len(labels))
	for _, c := range classes {
		members := byClass[c]
		k := min(int(math.Round(fraction*float64(len(members)))), len(members)-1)
		rng.Shuffle(len(members), func(i, j int) {
			members[i], members[j] = members[j], members[i]
		})
		for _, i := range members[:k] {
			held[i] = true
		}
	}
	for i, h := range held {
		if h {
			validation = append(validation, i)
		} else {
			train = append(train, i)
		}
	}
	return train, validation
}

package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// ROCCurve is a receiver operating characteristic curve: the false and true
// positive rates of the rule "score ≥ threshold" for every threshold at
// which they change.
type ROCCurve struct {
	// FPR and TPR are the false and true positive rates of each point,
	// from (0, 0) to (1, 1) in order of falling threshold.
	FPR, TPR []float64

	// Thresholds holds the threshold of each point. The first is +Inf,
	// which accepts no sample, and each other is a distinct score.
	Thresholds []float64

	// AUC is the area under the curve, by the trapezoid rule.
	AUC float64
}

// ROC returns the ROC curve of scores, where a higher score means more
// likely positive, and positive[i] is true when sample i is a positive.
// Samples with equal scores enter the curve together, as one diagonal
// step, so the AUC counts a tie between a positive and a negative as half
// a correct ordering, as the Mann–Whitney U statistic does.
//
// ROC returns an error when there are no positives or no negatives, or
// when a score is NaN. Infinite scores are allowed. It panics if scores
// and positive have different lengths.
func ROC(scores []float64, positive []bool) (ROCCurve, error) {
	if len(scores) != len(positive) {
		panic(fmt.Sprintf("model: ROC of %d scores with %d labels",
			len(scores), len(positive)))
	}
	pos, neg, err := countClasses(scores, positive)
	if err != nil {
		return ROCCurve{}, err
	}

	order := make([]int, len(scores))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Compare(scores[b], scores[a])
	})

	c := ROCCurve{FPR: []float64{0}, TPR: []float64{0},
		Thresholds: []float64{math.Inf(1)}}
	var tp, fp int
	for i, s := range order {
		if positive[s] {
			tp++
		} else {
			fp++
		}
		if i+1 < len(order) && scores[order[i+1]] == scores[s] {
			continue // the next sample ties, so it joins this step
		}
		fpr, tpr := float64(fp)/float64(neg), float64(tp)/float64(pos)
		last := len(c.FPR) - 1
		c.AUC += (fpr - c.FPR[last]) * (tpr + c.TPR[last]) / 2
		c.FPR = append(c.FPR, fpr)
		c.TPR = append(c.TPR, tpr)
		c.Thresholds = append(c.Thresholds, scores[s])
	}
	return c, nil
}

// countClasses returns the numbers of positives and negatives, or an error
// when either is zero or a score is NaN.
func countClasses(scores []float64, positive []bool) (pos, neg int, err error) {
	for i, s := range scores {
		if math.IsNaN(s) {
			return 0, 0, fmt.Errorf("model: ROC: score %d is NaN: "+
				"scores must be numbers", i)
		}
		if positive[i] {
			pos++
		} else {
			neg++
		}
	}
	switch {
	case pos == 0:
		return 0, 0, fmt.Errorf("model: ROC of %d samples has no positives: "+
			"include samples of the positive class", len(scores))
	case neg == 0:
		return 0, 0, fmt.Errorf("model: ROC of %d samples has no negatives: "+
			"include samples of other classes", len(scores))
	}
	return pos, neg, nil
}

package model

// Timeline is a Recorder that keeps copies of a network's weights during
// training, for replaying how they changed. Its memory is bounded: when
// the copies would take more than MaxBytes, it drops every other one and
// records half as often from then on, so the copies stay spread over the
// whole run. The zero value is ready to use.
type Timeline struct {
	// MaxBytes bounds the memory of the copies; 0 means 64 MiB. However
	// large they are, two or three snapshots are kept, and one more for
	// the last epoch of the run when it is not on the spacing.
	MaxBytes int

	// Snapshots are the copies, oldest first.
	Snapshots []Snapshot

	every int // epochs between snapshots
}

// Snapshot is the weights of a network at the end of an epoch.
type Snapshot struct {
	Epoch  int
	Layers []Layer
}

// DefaultTimelineBytes is the MaxBytes of a zero Timeline.
const DefaultTimelineBytes = 64 << 20

// Record copies the network's weights at every Every-th epoch and at the
// last epoch of the run, so the replay ends with the trained weights.
func (tl *Timeline) Record(p Progress) error {
	if tl.every == 0 {
		tl.every = 1
	}
	onSpacing := p.Epoch%tl.every == 0
	if !onSpacing && p.Epoch != p.Epochs {
		return nil
	}
	tl.Snapshots = append(tl.Snapshots, Snapshot{Epoch: p.Epoch, Layers: cloneLayers(p.Network.Layers)})
	// The snapshot of the last epoch off the spacing stays even when it
	// is one more than MaxBytes allows, because thinning would drop it.
	if onSpacing && len(tl.Snapshots) > tl.capacity() {
		tl.thin()
	}
	return nil
}

// Every returns the number of epochs between snapshots at present.
func (tl *Timeline) Every() int { return max(tl.every, 1) }

// capacity returns how many snapshots fit in MaxBytes.
func (tl *Timeline) capacity() int {
	limit := tl.MaxBytes
	if limit <= 0 {
		limit = DefaultTimelineBytes
	}
	size := 0
	for _, p := range parameters(tl.Snapshots[0].Layers) {
		size += 8 * len(p)
	}
	// At least three, because thinning three snapshots leaves two.
	return max(3, limit/max(size, 1))
}

// thin keeps the snapshots at multiples of twice the current spacing and
// doubles it.
func (tl *Timeline) thin() {
	tl.every *= 2
	kept := tl.Snapshots[:0]
	for _, s := range tl.Snapshots {
		if s.Epoch%tl.every == 0 {
			kept = append(kept, s)
		}
	}
	clear(tl.Snapshots[len(kept):])
	tl.Snapshots = kept
}

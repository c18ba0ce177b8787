package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"visage/ui/views"
)

// explainPanel is the content of the Explain dialog: one accordion item
// per question, with its answer, the figures for the selection, and a
// button for each tab that shows the answer.
type explainPanel struct {
	questions []views.Question
	accordion *widget.Accordion
	buttons   [][]*widget.Button // per question, one per tab
}

// showExplain opens the Explain dialog for the network and selection on
// screen.
func (v *App) showExplain() {
	var d dialog.Dialog
	holder := container.NewStack()
	var fill func(open int)
	fill = func(open int) {
		panel := v.newExplainPanel(func() { d.Hide() }, fill)
		if open >= 0 {
			panel.accordion.Open(open)
		}
		holder.Objects = []fyne.CanvasObject{container.NewVScroll(panel.accordion)}
		holder.Refresh()
	}
	fill(-1)
	d = dialog.NewCustom("Questions about the probability of being a person", "Close", holder, v.win)
	d.Resize(fyne.NewSize(820, 600))
	d.Show()
}

// newExplainPanel builds the panel for the state on screen. A button
// that opens a tab calls closeDialog, except the one that selects a
// training face, which calls refill with its question's index so the
// figures follow the new selection.
func (v *App) newExplainPanel(closeDialog func(), refill func(open int)) *explainPanel {
	p := &explainPanel{questions: views.Questions(v.explained()), accordion: widget.NewAccordion()}
	for i, q := range p.questions {
		answer := widget.NewLabel(q.Answer)
		answer.Wrapping = fyne.TextWrapWord
		numbers := widget.NewLabelWithStyle(q.Numbers, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		numbers.Wrapping = fyne.TextWrapWord
		var row []*widget.Button
		for j, name := range q.Tabs {
			if j == 0 && q.Fallback != "" && v.viewNamed(name) == nil {
				name = q.Fallback
			}
			row = append(row, v.explainButton(i, q, name, closeDialog, refill))
		}
		p.buttons = append(p.buttons, row)
		buttons := container.NewHBox()
		for _, b := range row {
			buttons.Add(b)
		}
		detail := container.NewVBox(answer, numbers, buttons)
		p.accordion.Append(widget.NewAccordionItem(q.Text, detail))
	}
	return p
}

// explainButton returns the button of question q, number i, that opens
// the tab name. For a question with a Person, it first selects one of
// that person's training faces.
func (v *App) explainButton(i int, q views.Question, name string,
	closeDialog func(), refill func(int)) *widget.Button {

	if name == q.Tabs[0] && q.Person != "" {
		return widget.NewButton("Show a training face of "+q.Person, func() {
			v.selectTrainingFace(q.Person)
			v.showTab(v.viewNamed(name))
			refill(i)
		})
	}
	return widget.NewButton("Open the "+name+" tab", func() {
		v.showTab(v.viewNamed(name))
		closeDialog()
	})
}

// explained returns the subject of the Explain questions: the network and
// the selection on screen, with the person of a dataset face.
func (v *App) explained() views.Explained {
	e := views.Explained{Net: v.net}
	sel := v.selected
	if sel == nil || len(sel.input) != v.net.Inputs() {
		return e
	}
	e.Input, e.Title = sel.input, sel.title
	if sel.photo == nil && v.data != nil {
		for _, f := range v.data.Faces {
			if f.Path == sel.title {
				e.Person = v.data.Classes[f.Label]
				break
			}
		}
	}
	return e
}

// selectTrainingFace selects the first face of person that the last
// training run did not hold out, if there is one.
func (v *App) selectTrainingFace(person string) {
	class := slices.Index(v.data.Classes, person)
	for i := range v.data.Faces {
		f := &v.data.Faces[i]
		if f.Label == class && !slices.Contains(v.validation, i) {
			v.selectFace(f)
			return
		}
	}
}

// viewNamed returns the view of the tab named name, or nil.
func (v *App) viewNamed(name string) *view {
	for _, w := range v.views {
		if w.name == name {
			return w
		}
	}
	return nil
}

# Visage: make run opens the app, make test runs every check.
# Both install what is missing first (see the deps target).

GO ?= go
# Go 1.26's experimental SIMD package gives training its AVX-512 kernels;
# without it, or on CPUs without AVX-512, training runs in float64 with
# gonum, about ten times slower.
export GOEXPERIMENT = simd
# Debian and Ubuntu packages needed to build the Fyne window with cgo:
# a C compiler, OpenGL, and the X11 and Wayland client headers that GLFW
# compiles against.
APT_PACKAGES := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev \
	libxkbcommon-dev
GO_MIN := 1.26

.PHONY: run test deps build cli vet clean package screenshots

run: deps build
	./bin/visage

test: deps
	@test -z "$$(gofmt -l .)" || { echo "Files need gofmt:"; gofmt -l .; exit 1; }
	@echo "Vetting, then testing with the race detector. On a fresh machine each step"
	@echo "first compiles GLFW and OpenGL bindings in C, about 4 to 6 minutes each on 2 cores."
	$(GO) vet ./...
	$(GO) test -race ./...
	CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/visage-cli

build: deps
	@echo "Building bin/visage. The first build compiles GLFW and OpenGL bindings in C,"
	@echo "which takes about 4 minutes on 2 cores; later builds take seconds."
	$(GO) build -o bin/visage ./cmd/visage

cli: deps
	CGO_ENABLED=0 $(GO) build -o bin/visage-cli ./cmd/visage-cli

# deps checks for Go, installs the missing Debian packages (as root, or
# through sudo) and downloads the Go modules.
deps:
	@command -v $(GO) >/dev/null || { \
		echo "Go $(GO_MIN) or newer is needed and was not found."; \
		echo "Install it from https://go.dev/dl/ and put its bin folder (e.g. /usr/local/go/bin) on PATH."; \
		exit 1; }
	@v=$$($(GO) env GOVERSION | sed 's/^go//'); \
	if [ "$$(printf '%s\n%s\n' "$(GO_MIN)" "$$v" | sort -V | head -n1)" != "$(GO_MIN)" ]; then \
		echo "Go $$v is too old: Visage needs Go $(GO_MIN) or newer, from https://go.dev/dl/."; \
		exit 1; fi
	@if ! command -v dpkg-query >/dev/null; then \
		echo "Not a Debian or Ubuntu system: make sure these (or your system's equivalents) are installed:"; \
		echo "  $(APT_PACKAGES)"; \
	else \
		missing=$$(for p in $(APT_PACKAGES); do \
			dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
		if [ -n "$$missing" ]; then \
			echo "Installing missing packages:" $$missing; \
			if [ "$$(id -u)" = 0 ]; then sudo=; \
			elif command -v sudo >/dev/null; then sudo=sudo; \
			else echo "Run as root: apt-get install --no-install-recommends" $$missing; exit 1; fi; \
			$$sudo apt-get update -q && \
			DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
		fi; \
	fi
	@$(GO) mod download

clean:
	rm -rf bin

# package bundles bin/visage for Linux as bin/Visage.tar.xz: the binary,
# the icon and a .desktop entry made from FyneApp.toml, with a Makefile
# whose "make user-install" or "sudo make install" installs them. The
# fyne tool is installed into bin/tools on first use. It runs on a copy
# of FyneApp.toml in a temporary folder, because it rewrites the file and
# raises its Build number. Even with --exe, fyne v1.7.4 stops unless it
# finds a .go file under its folder, so the main package's source is
# copied there too; the tool does not build it.
FYNE_TOOLS_VERSION := v1.7.4
FYNE_TOOL := bin/tools/$(FYNE_TOOLS_VERSION)/fyne

package: build
	@test -x $(FYNE_TOOL) || GOBIN=$(CURDIR)/$(dir $(FYNE_TOOL)) \
		$(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION)
	rm -f bin/Visage.tar.xz
	stage=$$(mktemp -d) && trap 'rm -rf "$$stage"' EXIT && \
		mkdir "$$stage/assets" && cp FyneApp.toml "$$stage/" && \
		cp assets/icon.png "$$stage/assets/" && cp bin/visage cmd/visage/main.go "$$stage/" && \
		(cd "$$stage" && $(CURDIR)/$(FYNE_TOOL) package -os linux --exe visage) && \
		mv "$$stage/Visage.tar.xz" bin/
	@tar tf bin/Visage.tar.xz | grep -q 'share/pixmaps/app.visage.png$$' || \
		{ echo "bin/Visage.tar.xz lacks the icon"; exit 1; }
	@tar xOf bin/Visage.tar.xz visage/usr/local/share/applications/app.visage.desktop | \
		grep -qx 'Name=Visage' && \
		tar xOf bin/Visage.tar.xz visage/usr/local/share/applications/app.visage.desktop | \
		grep -qx 'Icon=app.visage' || \
		{ echo "bin/Visage.tar.xz lacks a .desktop entry naming Visage and its icon"; exit 1; }
	@echo "Wrote bin/Visage.tar.xz. Unpack it and run make user-install in visage/."

# screenshots saves one PNG per tab into docs/ with scripts/screenshots.sh,
# which runs the app on Xvfb. It first installs the X tools it needs.
SCREENSHOT_PACKAGES := xvfb x11-apps imagemagick xdotool

screenshots: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(SCREENSHOT_PACKAGES)"
	./scripts/screenshots.sh

# compare times Visage against PyTorch, numpy and scikit-learn; see
# bench/compare/main.go. Debian's python3-torch, python3-numpy and
# python3-sklearn are used when installed and skipped otherwise.
.PHONY: compare
compare:
	@$(GO) run ./bench/compare $(COMPARE_FLAGS)

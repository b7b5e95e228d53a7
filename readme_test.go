package billcycle_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// goBlock matches a fenced Go code block of the README.
var goBlock = regexp.MustCompile("(?s)```go\n(.*?)```")

// TestREADME runs every Go code block of README.md — each a whole program
// ending with an "// Output:" comment, as examples do — and compares what
// it prints with that comment, so that the README can never drift from
// the library.
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := goBlock.FindAllSubmatch(readme, -1)
	if len(blocks) == 0 {
		t.Fatal("README.md has no Go code block")
	}
	for i, b := range blocks {
		src := string(b[1])
		code, rest, ok := strings.Cut(src, "// Output:\n")
		if !ok {
			t.Errorf("block %d has no // Output: comment", i)
			continue
		}
		// The comment lines after "// Output:" are the output; what follows
		// them (the closing brace of main) is code again.
		var want string
		for rest != "" {
			line, after, _ := strings.Cut(rest, "\n")
			if !strings.HasPrefix(strings.TrimSpace(line), "//") {
				break
			}
			want, rest = want+line+"\n", after
		}
		code += rest
		dir, err := os.MkdirTemp(".", "readme-block-")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(code), 0o600); err != nil {
			t.Fatal(err)
		}
		var out, stderr bytes.Buffer
		cmd := exec.Command("go", "run", "./"+filepath.Base(dir))
		cmd.Stdout, cmd.Stderr = &out, &stderr
		if err := cmd.Run(); err != nil {
			t.Errorf("block %d: go run: %v\n%s", i, err, stderr.String())
			continue
		}
		if got, want := strings.TrimSpace(out.String()), uncomment(want); got != want {
			t.Errorf("block %d prints:\n%s\nthe README says:\n%s", i, got, want)
		}
	}
}

// uncomment returns the text of the "// " lines of an output comment.
func uncomment(s string) string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		l = strings.TrimSpace(l)
		lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(l, "//"), " "))
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

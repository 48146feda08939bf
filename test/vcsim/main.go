// vcsim-harness: govmomi's vCenter simulator on 127.0.0.1 (random port, https with the simulator's
// self-signed certificate, credentials enforced) seeded with one scenario, for ftscan's live tests and
// benchmarks. Prints ONE JSON line on stdout, then serves until stdin closes, SIGTERM or SIGINT.
//
// Build (GOPATH mode, Debian's golang-go + golang-github-vmware-govmomi-dev): scripts/build-vcsim.sh
package main

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"io/ioutil"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/simulator"
	_ "github.com/vmware/govmomi/vapi/simulator" // registers the /rest endpoints (tagging)
)

type scenarioSpec struct {
	model func(o options) *simulator.Model
	seed  func(o options) // in-process, before the server starts
	// soap runs against the started server with a logged-in govmomi client (what vcsim does
	// correctly over SOAP, e.g. CreateSnapshot_Task).
	soap func(ctx context.Context, c *govmomi.Client) error
	// describe builds the `expected` JSON once everything is seeded.
	describe func() expected
}

type options struct {
	vms, clusters, hosts int
}

var scenarios = map[string]scenarioSpec{
	"basic":            {model: func(options) *simulator.Model { return simulator.VPX() }, describe: describeAll},
	"scale":            {model: scaleModel, describe: countsOnly},
	"seeded-inventory": seededInventory,
	"legacy55":         legacy55,
	"smp70":            smp70,
}

type harnessLine struct {
	URL      string   `json:"url"`
	User     string   `json:"user"`
	Password string   `json:"password"`
	CertPem  string   `json:"certPem"`
	CertFile string   `json:"certFile"`
	Scenario string   `json:"scenario"`
	Expected expected `json:"expected"`
	SetupMs  int64    `json:"setupMs"`
}

func main() {
	name := flag.String("scenario", "basic", "basic | scale | seeded-inventory | legacy55 | smp70")
	o := options{}
	flag.IntVar(&o.vms, "vms", 1000, "scale: number of VMs (spread evenly over the clusters)")
	flag.IntVar(&o.clusters, "clusters", 10, "scale: number of clusters")
	flag.IntVar(&o.hosts, "hosts", 10, "scale: hosts per cluster")
	certDir := flag.String("cert-dir", os.TempDir(), "directory for the certificate PEM file")
	flag.Parse()
	if err := run(*name, o, *certDir); err != nil {
		fmt.Fprintln(os.Stderr, "vcsim-harness:", err)
		os.Exit(1)
	}
}

func run(name string, o options, certDir string) error {
	spec, ok := scenarios[name]
	if !ok {
		return fmt.Errorf("unknown scenario %q", name)
	}
	start := time.Now()
	model := spec.model(o)
	if err := model.Create(); err != nil {
		return fmt.Errorf("model: %w", err)
	}
	defer model.Remove()
	if spec.seed != nil {
		spec.seed(o)
	}

	user, password := "ftscan-ro@vsphere.local", randomPassword()
	model.Service.TLS = new(tls.Config)
	model.Service.Listen = &url.URL{Host: "127.0.0.1:0", User: url.UserPassword(user, password)}
	model.Service.RegisterEndpoints = true
	server := model.Service.NewServer()
	defer server.Close()

	if spec.soap != nil {
		ctx := context.Background()
		c, err := govmomi.NewClient(ctx, server.URL, true) // server.URL carries the credentials
		if err != nil {
			return fmt.Errorf("seeding client: %w", err)
		}
		if err := spec.soap(ctx, c); err != nil {
			return fmt.Errorf("seeding over SOAP: %w", err)
		}
		_ = c.Logout(ctx)
	}

	certPem := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: server.Certificate().Raw}))
	certFile := filepath.Join(certDir, fmt.Sprintf("vcsim-harness-%d-%s.pem", os.Getpid(), server.URL.Port()))
	if err := ioutil.WriteFile(certFile, []byte(certPem), 0o644); err != nil {
		return err
	}
	defer os.Remove(certFile)

	u := *server.URL
	u.User = nil
	line := harnessLine{
		URL: u.String(), User: user, Password: password, CertPem: certPem, CertFile: certFile,
		Scenario: name, Expected: spec.describe(), SetupMs: time.Since(start).Milliseconds(),
	}
	out, err := json.Marshal(line)
	if err != nil {
		return err
	}
	fmt.Println(string(out))

	// Serve until the parent goes away (stdin closes) or asks us to stop.
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(ioutil.Discard, os.Stdin)
		close(done)
	}()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	select {
	case <-done:
	case <-sig:
	}
	return nil
}

// randomPassword includes XML-special characters so every client's escaping is exercised.
func randomPassword() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return "Ft<&>'\"" + hex.EncodeToString(b)
}

// scaleModel: o.clusters x o.hosts hosts and o.vms VMs spread evenly over the clusters' root pools
// (vcsim creates Machine VMs per resource pool, so the count is rounded up to a multiple of clusters).
func scaleModel(o options) *simulator.Model {
	m := simulator.VPX()
	m.Host = 0
	m.Cluster = o.clusters
	m.ClusterHost = o.hosts
	m.Machine = (o.vms + o.clusters - 1) / o.clusters
	return m
}

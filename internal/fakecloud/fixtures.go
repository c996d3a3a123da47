package fakecloud

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
)

// fixtures holds the events every Server starts with: the API reference
// pages' own examples first.
//
//go:embed fixtures
var fixtures embed.FS

type wafFixture struct {
	RegionID   string          `json:"RegionId"`
	InstanceID string          `json:"InstanceId"`
	EventID    string          `json:"EventId"`
	Domain     string          `json:"Domain"`
	Response   json.RawMessage `json:"Response"`
}

type dscFixture struct {
	ID       json.Number     `json:"Id"`
	Response json.RawMessage `json:"Response"`
}

func (s *Server) loadFixtures() error {
	if err := eachFixture("fixtures/waf", func(f wafFixture) {
		s.putWAFEvent(f.RegionID, f.InstanceID, f.EventID, f.Domain, f.Response, claimByFixture)
	}); err != nil {
		return err
	}
	return eachFixture("fixtures/sddp", func(f dscFixture) {
		s.PutDSCEvent(f.ID.String(), f.Response)
	})
}

func eachFixture[T any](dir string, put func(T)) error {
	entries, err := fs.ReadDir(fixtures, dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		data, err := fixtures.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return err
		}
		var f T
		if err := json.Unmarshal(data, &f); err != nil {
			return fmt.Errorf("%s/%s: %w", dir, e.Name(), err)
		}
		put(f)
	}
	return nil
}

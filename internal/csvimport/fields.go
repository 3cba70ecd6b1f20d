package csvimport

import (
	"reflect"

	"maki/internal/register"
)

// typeFields holds register.Fields of System, Organisation and every
// struct type reachable from their fields (records, texts), with an index
// by key. It is computed once when the package starts and never changes:
// the struct tags are fixed, and reading them anew for every cell and
// every key of every row was more than half of an import's time.
var typeFields = fieldTable(systemType, orgType)

// fieldSet is the fields of one struct type, in order and by key.
type fieldSet struct {
	list  []register.Field
	byKey map[string]int
}

func fieldTable(roots ...reflect.Type) map[reflect.Type]fieldSet {
	m := map[reflect.Type]fieldSet{}
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		if _, ok := m[t]; ok {
			return
		}
		fs := fieldSet{list: register.Fields(t), byKey: map[string]int{}}
		m[t] = fs
		for i, f := range fs.list {
			fs.byKey[f.Key] = i
			if st := structOf(f.Type); st != nil {
				add(st)
			}
		}
	}
	for _, t := range roots {
		add(t)
	}
	return m
}

// fieldsOf returns register.Fields(t), from the table when t is in it.
// The result must not be changed.
func fieldsOf(t reflect.Type) []register.Field {
	if fs, ok := typeFields[t]; ok {
		return fs.list
	}
	return register.Fields(t)
}

// fieldOf returns the field of struct type t with the key, if any.
func fieldOf(t reflect.Type, key string) (register.Field, bool) {
	if fs, ok := typeFields[t]; ok {
		i, ok := fs.byKey[key]
		if !ok {
			return register.Field{}, false
		}
		return fs.list[i], true
	}
	for _, f := range register.Fields(t) {
		if f.Key == key {
			return f, true
		}
	}
	return register.Field{}, false
}

package dli

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// Answers are read as they arrive, never held whole: an object that leads
// to an array is read member by member into a struct (a member without a
// field is skipped), an array element by element into a slice, and each
// element decoded on its own into a type of only the fields the provider
// uses. A page of 100 Flink jobs, each with a large SQL body, then costs
// the memory of one job at a time, not of the page. Everything else (an
// element, a job's details, a state) is decoded whole by encoding/json,
// which skips the members it has no field for without keeping them, at a
// fraction of the walk's cost: the walk's Decoder.Token allocates for
// every member it reads.

// readStream reads dec's next JSON value into v, a pointer.
func readStream(dec *json.Decoder, v any) error {
	return readValue(dec, reflect.ValueOf(v).Elem())
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

var streamedCache sync.Map // reflect.Type -> bool

// streamed says whether values of type t are walked token by token: slices
// of objects (pages, whose elements the walk decodes one at a time), structs
// with such a slice in a field (or a field's field), and pointers to them.
// A slice of strings is kept whole anyway: walking it saves nothing.
func streamed(t reflect.Type) bool {
	if s, ok := streamedCache.Load(t); ok {
		if walked, ok := s.(bool); ok {
			return walked
		}
	}
	walked := leadsToArray(t, map[reflect.Type]bool{})
	streamedCache.Store(t, walked)
	return walked
}

// leadsToArray is streamed without the cache; seen holds the structs being
// looked into, so that a type that contains itself ends.
func leadsToArray(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case reflect.PointerTo(t).Implements(unmarshalerType):
		return false
	case t.Kind() == reflect.Slice:
		return elementsAreObjects(t.Elem())
	case t.Kind() != reflect.Struct || seen[t]:
		return false
	}
	seen[t] = true
	for _, index := range fieldsOf(t) {
		if leadsToArray(t.FieldByIndex(index).Type, seen) {
			return true
		}
	}
	return false
}

func elementsAreObjects(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}

// readValue reads the next value into v: walked when streamed, else
// decoded whole by encoding/json (a slice's elements are each decoded
// whole).
func readValue(dec *json.Decoder, v reflect.Value) error {
	if !streamed(v.Type()) {
		return dec.Decode(v.Addr().Interface())
	}
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t == nil { // null: the field stays absent
		return nil
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.Struct && t == json.Delim('{'):
		return readObject(dec, v)
	case v.Kind() == reflect.Slice && t == json.Delim('['):
		return readArray(dec, v)
	}
	return fmt.Errorf("%v where %s was expected", t, kindWord(v.Kind()))
}

func kindWord(k reflect.Kind) string {
	if k == reflect.Slice {
		return "an array"
	}
	return "an object"
}

// readObject reads the members of an object whose { was read.
func readObject(dec *json.Decoder, v reflect.Value) error {
	fields := fieldsOf(v.Type())
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := t.(string)
		index, ok := fields.lookup(name)
		if !ok {
			if err := skip(dec); err != nil {
				return err
			}
			continue
		}
		if err := readValue(dec, v.FieldByIndex(index)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	_, err := dec.Token() // }
	return err
}

// readArray reads the elements of an array whose [ was read, each decoded
// whole, appending them to v.
func readArray(dec *json.Decoder, v reflect.Value) error {
	v.Set(reflect.MakeSlice(v.Type(), 0, 0))
	zero := reflect.Zero(v.Type().Elem())
	for i := 0; dec.More(); i++ {
		v.Set(reflect.Append(v, zero)) // decoded in place: no element allocated apart
		if err := dec.Decode(v.Index(i).Addr().Interface()); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
	}
	_, err := dec.Token() // ]
	return err
}

// skip reads past the next value token by token, keeping none of it.
func skip(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// jsonFields maps a struct's JSON member names to its fields, those of
// embedded structs included, as encoding/json does.
type jsonFields map[string][]int

// lookup finds a member's field, the exact name first and then ignoring
// case, as encoding/json does.
func (f jsonFields) lookup(name string) ([]int, bool) {
	if index, ok := f[name]; ok {
		return index, true
	}
	for n, index := range f {
		if strings.EqualFold(n, name) {
			return index, true
		}
	}
	return nil, false
}

var fieldCache sync.Map // reflect.Type -> jsonFields

func fieldsOf(t reflect.Type) jsonFields {
	if f, ok := fieldCache.Load(t); ok {
		if fields, ok := f.(jsonFields); ok {
			return fields
		}
	}
	f := jsonFields{}
	collectFields(t, nil, f)
	fieldCache.Store(t, f)
	return f
}

func collectFields(t reflect.Type, prefix []int, into jsonFields) {
	for i := range t.NumField() {
		sf := t.Field(i)
		index := append(append([]int(nil), prefix...), i)
		tag, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		switch {
		case tag == "-":
		case sf.Anonymous && tag == "" && sf.Type.Kind() == reflect.Struct:
			collectFields(sf.Type, index, into)
		case !sf.IsExported():
		case tag != "":
			into[tag] = index
		default:
			into[sf.Name] = index
		}
	}
}

package dli

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// Answers are read as they arrive, never held whole: an object is read
// member by member into a struct (a member without a field is skipped),
// an array element by element into a slice, and each element decoded on
// its own into a type of only the fields the provider uses. A page of 100
// Flink jobs, each with a large SQL body, then costs the memory of one job
// at a time, not of the page.

// readStream reads dec's next JSON value into v, a pointer.
func readStream(dec *json.Decoder, v any) error {
	return readValue(dec, reflect.ValueOf(v).Elem())
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// streamed says whether values of type t are walked token by token: structs
// and slices that do not decode themselves, and pointers to them.
func streamed(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return false
	}
	return t.Kind() == reflect.Struct || (t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8)
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
	for i := 0; dec.More(); i++ {
		elem := reflect.New(v.Type().Elem())
		if err := dec.Decode(elem.Interface()); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
		v.Set(reflect.Append(v, elem.Elem()))
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
